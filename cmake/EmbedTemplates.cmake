# Writes OUT: a C++ file defining the built-in templates from RECORD and POSTMORTEM, as raw strings.
file(READ ${RECORD} record)
file(READ ${POSTMORTEM} postmortem)
file(WRITE ${OUT} "// Generated from render/templates/ by cmake/EmbedTemplates.cmake. Do not edit.\n"
  "#include \"render/builtin_templates.hpp\"\n"
  "namespace incidentd::render {\n"
  "const std::string_view builtin_record_template = R\"incidentd_tpl(${record})incidentd_tpl\";\n"
  "const std::string_view builtin_postmortem_template = R\"incidentd_tpl(${postmortem})incidentd_tpl\";\n"
  "}\n")
