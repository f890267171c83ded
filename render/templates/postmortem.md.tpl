{{! The postmortem draft: why it happened and what prevents it next time. Blameless. }}
{{! Facts come from the incident record; the analysis sections are prompts for the team. }}
{{! Fields: see the table in render/templates.hpp. Values are already escaped for Markdown. }}
# Postmortem: {{ID}}: {{TITLE}}

> Draft prepared by incidentd when {{ID}} closed. This postmortem is blameless: it asks how our systems and processes allowed the incident to happen and how to make them safer, not who is to blame. People acted on what they knew at the time. Replace each *italic prompt* with the team's answer.

- **Incident:** {{ID}}
- **Title:** {{TITLE}}
- **Severity:** {{SEVERITY}}
- **Team:** {{TEAM}}
- **Commander:** {{COMMANDER}}
- **Declared:** {{DECLARED_AT}}
- **Resolved:** {{RESOLVED_AT}}
- **Closed:** {{CLOSED_AT}}
- **Duration:** {{DURATION}}
- **Postmortem due:** {{POSTMORTEM_DUE}}
- **Incident record:** {{RECORD_LINK}}
- **Channel log:** {{CHANNEL_LINK}}
{{#SEALED}}
- **Record sealed:** seal {{SEAL_NUMBER}}, {{SEAL_AT}}, key {{SEAL_KEY_ID}}: `incidentd verify {{ID}}` proves the record's first {{SEAL_ENTRIES}} chained entries are as sealed: {{SEAL}}
{{/SEALED}}

## Timeline

The key events from the incident record, each linked to its message in the channel. Add what else matters from the record's full timeline.

{{#KEY_EVENT}}
- {{ENTRY_TIME}}, {{ENTRY_ACTOR}}, {{ENTRY_KIND}}: {{ENTRY_TEXT}}{{#ENTRY_LINKED}} ({{ENTRY_LINK}}){{/ENTRY_LINKED}}
{{/KEY_EVENT}}
{{#NO_KEY_EVENT}}
*No key events were marked during the incident. Pick the moments that mattered from the record's timeline: first signal, detection, declaration, diagnosis, mitigation, resolution.*
{{/NO_KEY_EVENT}}

## Impact

{{#IMPACT}}
- {{ENTRY_TEXT}}{{#ENTRY_LINKED}} ({{ENTRY_LINK}}){{/ENTRY_LINKED}}
{{/IMPACT}}
{{#NO_IMPACT}}
*No impact was recorded during the incident. Who or what was affected, how, and for how long?*
{{/NO_IMPACT}}

## Systems involved

{{#SYSTEM}}
- {{ENTRY_TEXT}}{{#ENTRY_LINKED}} ({{ENTRY_LINK}}){{/ENTRY_LINKED}}
{{/SYSTEM}}
{{#NO_SYSTEM}}
*No systems were recorded during the incident. Which services, dependencies and tools were involved?*
{{/NO_SYSTEM}}

## Actions taken during the incident

{{#ACTION}}
- {{ENTRY_TEXT}}{{#ENTRY_LINKED}} ({{ENTRY_LINK}}){{/ENTRY_LINKED}}
{{/ACTION}}
{{#NO_ACTION}}
*No actions were recorded during the incident. What was done to mitigate and resolve it?*
{{/NO_ACTION}}

## Summary

*In a few sentences: what happened, who was affected and for how long, and how it was resolved.*

## Root cause and contributing factors

*What conditions made this incident possible? List the contributing factors, technical and organisational; there is rarely a single cause. Ask "how did this make sense at the time?" rather than "who did this?".*

## Why current controls failed

*Which tests, alerts, reviews, limits, runbooks or safeguards should have prevented this or caught it earlier, and why did they not?*

## Corrective and preventive actions

*Corrective actions fix what broke; preventive actions stop this class of incident from recurring. Give each one an owner and a due date.*

| Action | Corrective or preventive | Owner | Due date | Tracking link |
|--------|--------------------------|-------|----------|---------------|
|        |                          |       |          |               |

## What went well

*What helped: detection, tools, communication, people's expertise?*

## What went poorly

*What slowed the response or made it harder, without naming anyone as the cause?*

## Lessons learned

*What does the team know now that it did not know before, and where should that knowledge live?*
