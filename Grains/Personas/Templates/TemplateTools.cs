using VoicePlatform.Personas;

namespace VoicePlatform.Grains.Personas.Templates;

/// <summary>Tools several library templates share, so their names and schemas stay identical everywhere.</summary>
internal static class TemplateTools
{
    public static PersonaTool TransferToHuman { get; } = new()
    {
        Name = "transfer_to_human",
        Description = "Hand the live call to a person on the team. Tell the caller you are connecting them before calling this.",
        Parameters = """
            {
              "type": "object",
              "properties": {
                "reason": {
                  "type": "string",
                  "enum": ["caller_request", "complaint", "dispute", "urgent", "out_of_scope", "technical_problem", "other"],
                  "description": "Why the call is being handed over."
                },
                "department": {
                  "type": "string",
                  "description": "Team or person to reach, if the caller named one."
                },
                "summary": {
                  "type": "string",
                  "maxLength": 500,
                  "description": "Two or three sentences the person picking up can read so the caller need not repeat themselves."
                }
              },
              "required": ["reason", "summary"],
              "additionalProperties": false
            }
            """,
    };

    public static PersonaTool ScheduleCallback { get; } = new()
    {
        Name = "schedule_callback",
        Description = "Arrange for the caller to be called back at a time they chose. Read the day, time and number back before calling this.",
        Parameters = """
            {
              "type": "object",
              "properties": {
                "callback_at": {
                  "type": "string",
                  "format": "date-time",
                  "description": "Agreed callback time as ISO 8601 with the caller's UTC offset, e.g. 2025-06-03T15:30:00-05:00."
                },
                "phone": {
                  "type": "string",
                  "description": "Number to call, in E.164 form, e.g. +14155550123."
                },
                "reason": {
                  "type": "string",
                  "maxLength": 300,
                  "description": "What the callback is about."
                }
              },
              "required": ["callback_at", "phone"],
              "additionalProperties": false
            }
            """,
    };

    public static PersonaTool BookAppointment { get; } = new()
    {
        Name = "book_appointment",
        Description = "Book a confirmed appointment slot. Only call this after the caller has agreed to the exact date and time and you have read back their name and number.",
        Parameters = """
            {
              "type": "object",
              "properties": {
                "date": { "type": "string", "format": "date", "description": "Appointment date, YYYY-MM-DD." },
                "time": { "type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "description": "Start time, 24-hour HH:MM, in the business's time zone." },
                "full_name": { "type": "string", "minLength": 1, "maxLength": 120, "description": "Name as the caller spelled it." },
                "phone": { "type": "string", "description": "Contact number in E.164 form, e.g. +14155550123." },
                "email": { "type": "string", "format": "email", "description": "Email for the confirmation, if the caller gave one." },
                "service": { "type": "string", "maxLength": 120, "description": "What the appointment is for." },
                "notes": { "type": "string", "maxLength": 500, "description": "Anything the team should know beforehand." }
              },
              "required": ["date", "time", "full_name", "phone"],
              "additionalProperties": false
            }
            """,
    };

    public static PersonaTool EndCall { get; } = new()
    {
        Name = "end_call",
        Description = "Hang up after the goodbye has been said. Never call this mid-sentence or while the caller is still talking.",
        Parameters = """
            {
              "type": "object",
              "properties": {
                "outcome": {
                  "type": "string",
                  "enum": ["goal_completed", "callback_scheduled", "not_interested", "wrong_person", "do_not_call_requested", "voicemail", "opted_out", "other"],
                  "description": "How the call ended."
                },
                "summary": {
                  "type": "string",
                  "maxLength": 500,
                  "description": "One or two sentences on what happened, for the call record."
                }
              },
              "required": ["outcome", "summary"],
              "additionalProperties": false
            }
            """,
    };
}
