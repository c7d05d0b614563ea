#include "render/record_facts.h"

#include "render/page_context.h"

namespace scrutineer {
namespace {

size_t IndexOf(const Site& site, std::string_view id) {
  if (id.empty()) return kNoRecord;
  const size_t index = site.index_by_id.Find(id);
  return index == IdIndex::kNone ? kNoRecord : index;
}

// The committee named in `field` of `record`, when it is one.
size_t CommitteeIn(const Site& site, const Record& record,
                   std::string_view field) {
  size_t index = IndexOf(site, StatedText(record.fields->Find(field)));
  if (index == kNoRecord) return kNoRecord;
  return site.records[index].kind == RecordKind::kCommittee ? index : kNoRecord;
}

// The committee of the meeting or review that `field` of `record` names.
size_t CommitteeVia(const Site& site, const Record& record,
                    std::string_view field) {
  size_t index = IndexOf(site, StatedText(record.fields->Find(field)));
  if (index == kNoRecord) return kNoRecord;
  // A reference to the wrong kind is reported by the link stage; the
  // render still runs, and must not follow it.
  RecordKind kind = site.records[index].kind;
  if (kind != RecordKind::kMeeting && kind != RecordKind::kReview)
    return kNoRecord;
  return CommitteeIn(site, site.records[index], "committee");
}

}  // namespace

std::string_view StatedText(const Value* value) {
  if (value == nullptr) return {};
  if (value->is_map()) return value->Text("value");
  return value->is_scalar() ? std::string_view(value->text)
                            : std::string_view();
}

size_t CommitteeOf(const Site& site, const Record& record) {
  switch (record.kind) {
    case RecordKind::kCommittee:
      return IndexOf(site, record.id.value);
    case RecordKind::kReview:
    case RecordKind::kMeeting:
    case RecordKind::kWorkshop:
      return CommitteeIn(site, record, "committee");
    case RecordKind::kPaper: {
      size_t committee = CommitteeIn(site, record, "committee");
      return committee != kNoRecord ? committee
                                    : CommitteeVia(site, record, "meeting");
    }
    case RecordKind::kUpdate: {
      size_t committee = CommitteeVia(site, record, "meeting");
      return committee != kNoRecord ? committee
                                    : CommitteeVia(site, record, "review");
    }
    case RecordKind::kRecommendation: {
      const Record* parent = site.Find(record.parent.value);
      return parent == nullptr ? kNoRecord : CommitteeOf(site, *parent);
    }
    default:
      return kNoRecord;
  }
}

std::optional<PartialDate> RecordDate(const Site& site, const Record& record) {
  if (record.kind == RecordKind::kRecommendation) {
    const Record* parent = site.Find(record.parent.value);
    return parent == nullptr ? std::nullopt : MadeDate(*parent);
  }
  return ListingDate(record);
}

}  // namespace scrutineer
