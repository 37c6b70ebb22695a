-- Layout kept with a résumé's text (issue 3): lines with position and font, columns, tables,
-- images, fonts, header/footer text, counts. Read by the analyze stage and the ATS checks.
ALTER TABLE documents ADD COLUMN layout jsonb;
ALTER TABLE documents ADD COLUMN word_count integer;
