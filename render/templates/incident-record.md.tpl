{{! The incident record: what happened, as recorded. Facts only; analysis belongs in the postmortem. }}
{{! Fields: see the table in render/templates.hpp. Values are already escaped for Markdown. }}
# {{ID}}: {{TITLE}}

Incident record: the facts as they were recorded in {{CHANNEL_LINK}}, with no analysis.

- **Incident:** {{ID}}
- **Severity:** {{SEVERITY}}
- **State:** {{STATE}}
- **Team:** {{TEAM}}
- **Channel:** {{CHANNEL_LINK}}
- **Declared:** {{DECLARED_AT}} by {{DECLARED_BY}}
- **Resolved:** {{RESOLVED_AT}}
- **Closed:** {{CLOSED_AT}}
{{#ARCHIVED}}
- **Archived:** {{ARCHIVED_AT}}
{{/ARCHIVED}}
- **Duration:** {{DURATION}}
{{#POSTMORTEM_LINKED}}
- **Postmortem:** {{POSTMORTEM_LINK}} ({{POSTMORTEM_STATUS}}, due {{POSTMORTEM_DUE}})
{{/POSTMORTEM_LINKED}}
{{#POSTMORTEM_UNLINKED}}
- **Postmortem:** {{POSTMORTEM_STATUS}}, due {{POSTMORTEM_DUE}}; the draft is posted in the incident thread at close, and `/incident postmortem link <url>` records where the final one lives
{{/POSTMORTEM_UNLINKED}}
{{#SEALED}}
- **Sealed:** seal {{SEAL_NUMBER}}, {{SEAL_AT}}, over the first {{SEAL_ENTRIES}} entries of the hash chain, signed by key {{SEAL_KEY_ID}}. `incidentd verify {{ID}}` checks the record against it, `incidentd verify --slack {{ID}}` against the seals in the incident thread too: {{SEAL}}
{{/SEALED}}

## Roles

{{#ROLE}}
- **{{ROLE_NAME}}:** {{ROLE_HOLDER}} ({{ROLE_HOLDER_ID}})
{{/ROLE}}
{{#NO_ROLES}}
No roles were assigned.
{{/NO_ROLES}}

## Impact

{{#IMPACT}}
- {{ENTRY_TEXT}} ({{ENTRY_ACTOR}}, {{ENTRY_TIME}}{{#ENTRY_LINKED}}, {{ENTRY_LINK}}{{/ENTRY_LINKED}})
{{/IMPACT}}
{{#NO_IMPACT}}
No impact was recorded.
{{/NO_IMPACT}}

## Systems involved

{{#SYSTEM}}
- {{ENTRY_TEXT}} ({{ENTRY_ACTOR}}, {{ENTRY_TIME}}{{#ENTRY_LINKED}}, {{ENTRY_LINK}}{{/ENTRY_LINKED}})
{{/SYSTEM}}
{{#NO_SYSTEM}}
No systems were recorded.
{{/NO_SYSTEM}}

## Actions taken

{{#ACTION}}
- {{ENTRY_TEXT}} ({{ENTRY_ACTOR}}, {{ENTRY_TIME}}{{#ENTRY_LINKED}}, {{ENTRY_LINK}}{{/ENTRY_LINKED}})
{{/ACTION}}
{{#NO_ACTION}}
No actions were recorded.
{{/NO_ACTION}}

## Notes

{{#NOTE}}
- {{ENTRY_TEXT}} ({{ENTRY_ACTOR}}, {{ENTRY_TIME}}{{#ENTRY_LINKED}}, {{ENTRY_LINK}}{{/ENTRY_LINKED}})
{{/NOTE}}
{{#NO_NOTE}}
No notes were recorded.
{{/NO_NOTE}}

## Key events

Messages pinned or marked with {{KEY_EVENT_EMOJI}}, and the typed facts above.

{{#KEY_EVENT}}
- {{ENTRY_TIME}}, {{ENTRY_ACTOR}}, {{ENTRY_KIND}}: {{ENTRY_TEXT}}{{#ENTRY_LINKED}} ({{ENTRY_LINK}}){{/ENTRY_LINKED}}
{{/KEY_EVENT}}
{{#NO_KEY_EVENT}}
No key events were marked.
{{/NO_KEY_EVENT}}

## Timeline

All {{ENTRY_COUNT}} entries in the order they happened; times are {{TIMEZONE}}. {{KEY_EVENT_EMOJI}} marks a key event.

{{#ENTRY}}
- {{ENTRY_TIME}} · {{ENTRY_ACTOR}} · {{ENTRY_KIND}}{{#ENTRY_KEY}} · {{KEY_EVENT_EMOJI}}{{/ENTRY_KEY}}{{#ENTRY_IN_THREAD}} · in thread{{/ENTRY_IN_THREAD}}{{#ENTRY_IN_CHANNEL_TOO}}, also sent to the channel{{/ENTRY_IN_CHANNEL_TOO}}{{#ENTRY_LINKED}} · {{ENTRY_LINK}}{{/ENTRY_LINKED}} — {{ENTRY_TEXT}}
{{/ENTRY}}
{{#NO_ENTRY}}
The record has no entries.
{{/NO_ENTRY}}
