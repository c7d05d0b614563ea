#include "render/field_data.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "model/partial_date.h"
#include "render/urls.h"
#include "util/flat_index.h"

namespace scrutineer {

FieldConverter::FieldConverter(const Site& site, std::string root,
                               MarkdownCache* markdown_cache,
                               const LinkCache* link_cache,
                               RecordDataCache* record_data)
    : site_(site),
      root_(std::move(root)),
      markdown_cache_(markdown_cache),
      record_data_(record_data) {
  if (link_cache != nullptr) links_ = &link_cache->LinksFrom(root_);
  markdown_options_.allow_raw_html = site.config.allow_raw_html;
  resolver_ = [this](std::string_view id) -> std::optional<ResolvedLink> {
    const Record* record = site_.Find(std::string(id));
    if (record == nullptr) return std::nullopt;
    return ResolvedLink{HrefOf(*record), record->title};
  };
}

std::string FieldConverter::HrefOf(const Record& record) const {
  return RecordPathFrom(root_, record);
}

std::string FieldConverter::Markdown(std::string_view text) const {
  if (markdown_cache_ != nullptr) {
    return std::string(MarkdownData(text).string_value());
  }
  return RenderMarkdown(text, markdown_options_, resolver_);
}

namespace {

// Whether `field` is a Markdown field whose text other pages show and keep
// too: a recommendation's text (on its review's page, its own, its
// officers' and in histories) and an action's (on its meeting's page and
// its owner's). Rendered where its record's fields are converted, it is
// kept there: at 10,000 recommendations 7,700 such texts were rendered
// again by the page that came to them second.
bool KeptByOtherPages(const FieldSpec& field) {
  static const std::array<const FieldSpec*, 2> kKept = {
      RecommendationFields().Find("text"), SpecOf(RecordKind::kMeeting)
                                               .fields->Find("actions")
                                               ->object->Find("text")};
  return std::find(kKept.begin(), kKept.end(), &field) != kKept.end();
}

}  // namespace

TemplateData FieldConverter::MarkdownData(std::string_view text) const {
  if (markdown_cache_ != nullptr) {
    std::optional<MarkdownCache::Unkept> unkept;
    {
      std::lock_guard<std::mutex> lock(unkept_mutex_);
      auto it = unkept_.find(text);
      if (it != unkept_.end()) {
        unkept = std::move(it->second);
        unkept_.erase(it);
      }
    }
    if (unkept) {
      return markdown_cache_->Keep(text, markdown_options_, root_, *unkept);
    }
    return markdown_cache_->RenderData(text, markdown_options_, resolver_,
                                       root_);
  }
  return MarkdownDataOnce(text);
}

TemplateData FieldConverter::MarkdownField(std::string_view text,
                                           const FieldSpec& field) const {
  if (markdown_cache_ == nullptr) return MarkdownDataOnce(text);
  if (KeptByOtherPages(field)) return MarkdownData(text);
  std::lock_guard<std::mutex> lock(unkept_mutex_);
  auto it = unkept_.find(text);
  if (it != unkept_.end()) return it->second.html;
  MarkdownCache::Unkept unkept;
  const TemplateData html = markdown_cache_->RenderDataIfKept(
      text, markdown_options_, resolver_, root_, &unkept);
  if (unkept.html.is_string()) unkept_.emplace(text, std::move(unkept));
  return html;
}

TemplateData FieldConverter::MarkdownDataOnce(std::string_view text) const {
  return TemplateData(RenderMarkdown(text, markdown_options_, resolver_));
}

TemplateData FieldConverter::Shared(
    RecordDataCache::Use use, const Record& record,
    const std::function<TemplateData()>& make) const {
  const std::optional<size_t> index = IndexOf(record);
  if (record_data_ == nullptr || !index) return make();
  // Asked for here, not when the page starts: pages at most depths show
  // no record alike, and a table holds a slot for every record.
  RecordDataCache::Table* table = shared_.load(std::memory_order_acquire);
  if (table == nullptr) {
    table = &record_data_->TableFor(root_);  // the same table on any thread
    shared_.store(table, std::memory_order_release);
  }
  return table->Get(*index, use, make);
}

TemplateData FieldConverter::LinkTo(const Record& record) const {
  // A record of this site (as every record linked to is) has its link
  // made already; a copy shares it.
  const std::optional<size_t> index = IndexOf(record);
  if (links_ != nullptr && index) return (*links_)[*index];
  return LinkCache::MakeLink(record, HrefOf(record));
}

std::optional<size_t> FieldConverter::IndexOf(const Record& record) const {
  const Record* first = site_.records.data();
  const std::less<const Record*> before;  // total, unlike < on pointers
  if (before(&record, first) || !before(&record, first + site_.records.size()))
    return std::nullopt;
  return static_cast<size_t>(&record - first);
}

TemplateData FieldConverter::LinkToId(const std::string& id) const {
  if (const Record* record = site_.Find(id)) return LinkTo(*record);
  TemplateData link;  // unresolved: reported by the link stage
  link.set("id", id);
  link.set("title", id);
  return link;
}

TemplateData FieldConverter::Convert(const Value& value,
                                     const ObjectSpec& spec) const {
  TemplateData data{TemplateData::type::object};
  if (!value.is_map()) return data;
  for (const MapEntry& entry : value.entries) {
    const FieldSpec* field = spec.Find(entry.key);
    if (field == nullptr || entry.value.is_null()) continue;
    TemplateData converted = ConvertField(entry.value, *field);
    if (converted.is_list()) {
      SetList(&data, entry.key, std::move(converted));
    } else {
      data.set(entry.key, std::move(converted));
    }
  }
  return data;
}

TemplateData FieldConverter::ConvertSome(
    const Value& value, const ObjectSpec& spec,
    std::initializer_list<std::string_view> keys) const {
  TemplateData data{TemplateData::type::object};
  for (std::string_view key : keys) {
    const Value* field_value = value.Find(key);
    const FieldSpec* field = spec.Find(key);
    if (field_value == nullptr || field == nullptr || field_value->is_null())
      continue;
    TemplateData converted = ConvertField(*field_value, *field);
    if (converted.is_list()) {
      SetList(&data, std::string(key), std::move(converted));
    } else {
      data.set(std::string(key), std::move(converted));
    }
  }
  return data;
}

TemplateData FieldConverter::ConvertValue(const Value& value,
                                          const FieldSpec& field) const {
  return ConvertField(value, field);
}

TemplateData FieldConverter::Date(const Value* value) const {
  if (value == nullptr) return TemplateData{TemplateData::type::object};
  FieldSpec spec{"date", FieldType::kDate};
  spec.uncertain = true;
  return ConvertOne(*value, spec);
}

TemplateData FieldConverter::Date(const PartialDate& date) {
  auto make = [&date] {
    TemplateData data;
    data.set("text", date.Display());
    data.set("iso", date.Iso());
    return data;
  };
  if (date.month < 0 || date.month > 12 || date.day < 0 || date.day > 31) {
    return make();
  }
  // A site shows a few thousand dates, each on many pages: each is made
  // once per thread and shared. A page that changes its copy changes only
  // its own (TemplateData copies on write).
  struct Made {
    std::vector<std::pair<uint64_t, TemplateData>> dates;
    FlatIndex index;
  };
  thread_local Made made;
  const uint64_t key =
      static_cast<uint64_t>(static_cast<uint32_t>(date.year)) << 16 |
      static_cast<uint64_t>(date.month) << 8 | static_cast<uint64_t>(date.day);
  const TemplateData* found = nullptr;
  made.index.Find(key, [&](uint32_t i) {
    if (made.dates[i].first != key) return false;
    found = &made.dates[i].second;
    return true;
  });
  if (found != nullptr) return *found;
  made.index.Add(key, static_cast<uint32_t>(made.dates.size()));
  made.dates.emplace_back(key, make());
  return made.dates.back().second;
}

TemplateData FieldConverter::ConvertField(const Value& value,
                                          const FieldSpec& field) const {
  if (value.is_list() && (field.list || field.scalar_or_list)) {
    TemplateData list{TemplateData::type::list};
    for (const Value& item : value.items)
      list.push_back(ConvertOne(item, field));
    return list;
  }
  if (field.list) {
    TemplateData list{TemplateData::type::list};
    list.push_back(ConvertOne(value, field));
    return list;
  }
  return ConvertOne(value, field);
}

TemplateData FieldConverter::ConvertOne(const Value& value,
                                        const FieldSpec& field) const {
  if (!field.uncertain || !value.is_map()) return ConvertPlain(value, field);
  if (const Value* unknown = value.Find("unknown")) {
    TemplateData data;
    data.set("unknown", unknown->text);
    return data;
  }
  const Value* inner = value.Find("value");
  TemplateData data = inner ? ConvertPlain(*inner, field)
                            : TemplateData(TemplateData::type::object);
  if (!data.is_object()) {
    TemplateData wrapped;
    wrapped.set("text", data);
    data = std::move(wrapped);
  }
  data.set("inferred", std::string(value.Text("inferred")));
  return data;
}

TemplateData FieldConverter::Person(const Value& value) const {
  const Value* id = value.is_map() ? value.Find("person") : &value;
  TemplateData data;
  if (id == nullptr || !id->is_scalar()) return data;
  const Record* person = site_.Find(id->text);
  std::string name = person ? person->title : id->text;
  data.set("id", id->text);
  data.set("name", name);
  if (person) data.set("href", HrefOf(*person));
  if (value.is_map()) {
    std::string_view as_written = value.Text("as_written");
    if (!as_written.empty() && as_written != name) {
      data.set("as_written", std::string(as_written));
    }
    std::string_view role = value.Text("role");
    if (!role.empty()) data.set("role", std::string(role));
    std::string_view organisation = value.Text("organisation");
    if (!organisation.empty()) {
      data.set("organisation", LinkToId(std::string(organisation)));
    }
  }
  return data;
}

TemplateData FieldConverter::ConvertPlain(const Value& value,
                                          const FieldSpec& field) const {
  switch (field.type) {
    case FieldType::kObject:
      return Convert(value, *field.object);
    case FieldType::kPerson:
      return Person(value);
    default:
      break;
  }
  if (!value.is_scalar()) return TemplateData{std::string()};
  const std::string& text = value.text;
  switch (field.type) {
    case FieldType::kMarkdown:
      // Kept by the pages that show it without its record's other fields.
      return MarkdownField(text, field);
    case FieldType::kDate: {
      if (auto parsed = ParsePartialDate(text)) return Date(*parsed);
      TemplateData date;
      date.set("text", text);
      date.set("iso", text);
      return date;
    }
    case FieldType::kBool:
      return TemplateData{text == "true"};
    case FieldType::kReference:
      return LinkToId(text);
    case FieldType::kStatus: {
      TemplateData status;
      const StatusSpec* spec = FindStatus(text);
      status.set("code", text);
      status.set("label", spec ? std::string(spec->label) : text);
      return status;
    }
    default:
      return TemplateData{text};
  }
}

}  // namespace scrutineer
