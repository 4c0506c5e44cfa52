#include "http/api/applications_json.h"

namespace sportello::http {
namespace json = boost::json;

json::object to_json(const ApplicationForm& form) {
  json::array fields;
  for (const FormField& f : form.fields) {
    json::object field{{"name", f.name}, {"kind", to_string(f.kind)}, {"required", f.required}};
    if (f.min) field["min"] = f.min;
    if (f.max) field["max"] = f.max;
    if (!f.choices.empty()) {
      json::array choices;
      for (const std::string& c : f.choices) choices.emplace_back(c);
      field["choices"] = choices;
    }
    fields.push_back(field);
  }
  return {{"type", to_string(form.type)},
          {"fields", fields},
          {"min_attachments", form.min_attachments},
          {"max_attachments", kMaxAttachments}};
}

json::object summary_json(const Application& a) {
  json::array events;
  for (const ApplicationEvent& e : a.events) {
    json::object event{{"state", to_string(e.state)}, {"at", format_utc_iso(e.at)}};
    if (!e.reason.empty()) event["reason"] = e.reason;
    events.push_back(event);
  }
  json::object out{{"id", a.id},
                   {"protocol", a.protocol},
                   {"type", to_string(a.type)},
                   {"state", to_string(a.state)},
                   {"submitted_at", format_utc_iso(a.submitted_at)},
                   {"events", events}};
  if (!a.filed_through.empty()) out["filed_through"] = a.filed_through;  // a patronato's or the contact centre's
  return out;
}

json::object to_json(const Application& a) {
  json::object out = summary_json(a);
  json::object fields;
  for (const ApplicationField& f : a.fields) {
    json::array values;
    for (const std::string& v : f.values) values.emplace_back(v);
    fields[f.name] = values;
  }
  out["fields"] = fields;
  json::array attachments;
  for (const AttachmentInfo& info : a.attachments)
    attachments.push_back({{"id", info.id}, {"name", info.name}, {"media_type", info.media_type},
                           {"sha256", info.sha256}, {"size", info.size}});
  out["attachments"] = attachments;
  if (const std::string reason = a.decision_reason(); !reason.empty()) out["reason"] = reason;
  return out;
}

}  // namespace sportello::http
