# Included by ctest after the doctest-discovered cases of tailor-e2e-test (see CMakeLists.txt).
foreach(t IN LISTS tailor-e2e-test_TESTS)
  set_tests_properties("${t}" PROPERTIES TIMEOUT 300)
  if(t MATCHES "RabbitMQ restart")
    set_tests_properties("${t}" PROPERTIES RUN_SERIAL TRUE)
  endif()
endforeach()
