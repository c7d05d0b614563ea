#include "render/template_data.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace scrutineer {
namespace {

TemplateData Link(const std::string& title) {
  TemplateData link;
  link.set("title", title);
  link.set("href", "a/" + title + "/");
  return link;
}

TEST(TemplateDataTest, ConstructsEachKind) {
  EXPECT_TRUE(TemplateData().is_object());
  EXPECT_TRUE(TemplateData().is_empty_object());
  EXPECT_TRUE(TemplateData{TemplateData::type::object}.is_object());
  EXPECT_TRUE(TemplateData{TemplateData::type::list}.is_empty_list());
  EXPECT_FALSE(TemplateData{TemplateData::type::list}.is_non_empty_list());
  EXPECT_TRUE(TemplateData(std::string("text")).is_string());
  EXPECT_EQ(TemplateData(std::string("text")).string_value(), "text");
  // A literal is a string, not a boolean.
  EXPECT_TRUE(TemplateData("literal").is_string());
  EXPECT_EQ(TemplateData("literal").string_value(), "literal");
  EXPECT_TRUE(TemplateData(std::string()).is_string());
  EXPECT_EQ(TemplateData("").string_value(), "");
  EXPECT_TRUE(TemplateData(true).is_true());
  EXPECT_TRUE(TemplateData(false).is_false());
  EXPECT_TRUE(TemplateData(false).is_bool());
  // What is not there reads as empty, as kainjow's never did.
  EXPECT_EQ(TemplateData(true).string_value(), "");
  EXPECT_TRUE(TemplateData("x").list_value().empty());
  EXPECT_TRUE(TemplateData("x").object_value().empty());
  EXPECT_EQ(TemplateData("x").get("x"), nullptr);
}

TEST(TemplateDataTest, SetAddsAndReplacesKeys) {
  TemplateData data;
  data.set("title", "One");
  data.set("count", "2");
  data.set("title", "Two");  // replaces, as kainjow's set does
  ASSERT_NE(data.get("title"), nullptr);
  EXPECT_EQ(data.get("title")->string_value(), "Two");
  EXPECT_EQ(data.object_value().size(), 2u);
  EXPECT_EQ(data.get("missing"), nullptr);
  EXPECT_EQ(data.get("titl"), nullptr);
  EXPECT_EQ(data.get(""), nullptr);
  EXPECT_TRUE(data.is_non_empty_object());
}

// Objects note a bit for each key they hold, so that most absent keys are
// turned away without a compare: every key set must still be found, in
// the object and in a copy changed later, and only those.
TEST(TemplateDataTest, FindsEveryKeySetAndNoOther) {
  std::vector<std::string> keys = {"", "a", "b", "ab", "ba", "href", "hreg"};
  for (int i = 0; i < 300; ++i) keys.push_back("key_" + std::to_string(i));
  TemplateData data;
  for (size_t i = 0; i < keys.size(); i += 2) data.set(keys[i], keys[i]);
  TemplateData copy = data;
  copy.set("added", "yes");  // the copy is made here
  for (size_t i = 0; i < keys.size(); ++i) {
    SCOPED_TRACE(keys[i]);
    for (const TemplateData* object : {&data, &copy}) {
      const TemplateData* value = object->get(keys[i]);
      if (i % 2 == 0) {
        ASSERT_NE(value, nullptr);
        EXPECT_EQ(value->string_value(), keys[i]);
        EXPECT_EQ(object->get(keys[i], TemplateData::KeyBit(keys[i])), value);
      } else {
        EXPECT_EQ(value, nullptr);
      }
    }
  }
  EXPECT_EQ(copy.get("added")->string_value(), "yes");
  EXPECT_EQ(data.get("added"), nullptr);
  // Setting a key again replaces it, whatever else shares its bit.
  for (size_t i = 0; i < keys.size(); i += 2) copy.set(keys[i], "again");
  EXPECT_EQ(copy.object_value().size(), (keys.size() + 1) / 2 + 1);
  ASSERT_NE(copy.get("key_11"), nullptr);
  EXPECT_EQ(copy.get("key_11")->string_value(), "again");
}

// A shared object that is changed is extended, not copied: the change
// reads as the whole object, its own keys over the shared one's, in the
// order keys were first set; and a changed copy of an extended object is
// still a whole object, while the objects it was made from stay as they were.
TEST(TemplateDataTest, ChangedCopiesReadAsWholeObjects) {
  TemplateData link = Link("One");  // title, href
  TemplateData item = link;
  item.set("via", "agenda");
  item.set("title", "Changed");
  EXPECT_EQ(item.get("href")->string_value(), "a/One/");
  EXPECT_TRUE(item.get("href")->shares_storage_with(*link.get("href")));
  EXPECT_EQ(item.get("title")->string_value(), "Changed");
  EXPECT_EQ(link.get("title")->string_value(), "One");
  EXPECT_EQ(link.get("via"), nullptr);
  auto keys = [](const TemplateData& data) {
    std::vector<std::string> names;
    for (const auto& [key, value] : data.object_value())
      names.push_back(key + "=" + std::string(value.string_value()));
    return names;
  };
  EXPECT_EQ(keys(item), (std::vector<std::string>{
                            "title=Changed", "href=a/One/", "via=agenda"}));
  EXPECT_TRUE(item.is_non_empty_object());

  TemplateData again = item;
  again.set("href", "b/");
  again.set("date", "2024");
  EXPECT_EQ(keys(again), (std::vector<std::string>{"title=Changed", "href=b/",
                                                   "via=agenda", "date=2024"}));
  EXPECT_EQ(keys(item), (std::vector<std::string>{
                            "title=Changed", "href=a/One/", "via=agenda"}));
  EXPECT_EQ(keys(link), (std::vector<std::string>{"title=One", "href=a/One/"}));
  // An object set into a copy of itself makes no cycle.
  TemplateData self = item;
  self.set("self", self);
  EXPECT_EQ(self.get("self")->get("via")->string_value(), "agenda");
  EXPECT_EQ(self.get("self")->get("self"), nullptr);
}

TEST(TemplateDataTest, SetAndPushBackIgnoreTheWrongKind) {
  TemplateData list{TemplateData::type::list};
  list.set("title", "x");
  EXPECT_TRUE(list.is_empty_list());
  TemplateData object;
  object.push_back("x");
  EXPECT_TRUE(object.is_empty_object());
  TemplateData text("text");
  text.set("a", "b");
  text.push_back("c");
  EXPECT_EQ(text.string_value(), "text");
}

TEST(TemplateDataTest, CopiesShareUntilOneChanges) {
  TemplateData original = Link("One");
  TemplateData copy = original;
  EXPECT_TRUE(copy.shares_storage_with(original));
  copy.set("title", "Changed");
  copy.set("extra", true);
  EXPECT_FALSE(copy.shares_storage_with(original));
  EXPECT_EQ(original.get("title")->string_value(), "One");
  EXPECT_EQ(original.get("extra"), nullptr);
  EXPECT_EQ(copy.get("title")->string_value(), "Changed");
  // The values not changed are still shared, one level down.
  EXPECT_TRUE(copy.get("href")->shares_storage_with(*original.get("href")));
}

TEST(TemplateDataTest, ListCopiesShareUntilOneChanges) {
  TemplateData list{TemplateData::type::list};
  list.push_back(Link("One"));
  TemplateData copy = list;
  copy.push_back(Link("Two"));
  ASSERT_EQ(list.list_value().size(), 1u);
  ASSERT_EQ(copy.list_value().size(), 2u);
  EXPECT_TRUE(copy.list_value()[0].shares_storage_with(list.list_value()[0]));
  // An item taken out, changed and put back leaves the list it came from.
  TemplateData item = list.list_value()[0];
  item.set("title", "Changed");
  EXPECT_EQ(list.list_value()[0].get("title")->string_value(), "One");
  EXPECT_EQ(item.get("title")->string_value(), "Changed");
}

TEST(TemplateDataTest, NestedValuesAreCopiedOnlyWhereChanged) {
  TemplateData page;
  page.set("record", Link("Record"));
  TemplateData items{TemplateData::type::list};
  for (const char* title : {"a", "b", "c"}) items.push_back(Link(title));
  page.set("items", items);
  TemplateData snapshot = page;

  TemplateData record = *page.get("record");
  record.set("title", "New");
  page.set("record", record);
  items.push_back(Link("d"));  // the list set in `page` is not this one now

  EXPECT_EQ(snapshot.get("record")->get("title")->string_value(), "Record");
  EXPECT_EQ(page.get("record")->get("title")->string_value(), "New");
  EXPECT_EQ(snapshot.get("items")->list_value().size(), 3u);
  EXPECT_EQ(page.get("items")->list_value().size(), 3u);
  EXPECT_EQ(items.list_value().size(), 4u);
  EXPECT_TRUE(snapshot.get("items")->shares_storage_with(*page.get("items")));
}

TEST(TemplateDataTest, SettingAValueInItselfMakesNoCycle) {
  TemplateData data = Link("One");
  data.set("self", data);
  const TemplateData* self = data.get("self");
  ASSERT_NE(self, nullptr);
  EXPECT_EQ(self->get("title")->string_value(), "One");
  EXPECT_EQ(self->get("self"), nullptr);
  TemplateData list{TemplateData::type::list};
  list.push_back("x");
  list.push_back(list);
  ASSERT_EQ(list.list_value().size(), 2u);
  EXPECT_EQ(list.list_value()[1].list_value().size(), 1u);
}

TEST(TemplateDataTest, ShrinkToFitKeepsEveryKeyAndItemAndWhatIsShared) {
  TemplateData link;
  link.set("id", "r1");
  link.set("href", "r1/");
  TemplateData from_root = link;  // extends `link`, as the link cache does
  from_root.set("href", "../r1/");
  from_root.shrink_to_fit();
  TemplateData shared = from_root;
  shared.shrink_to_fit();  // shared: left as it is
  for (const TemplateData* data : {&from_root, &shared}) {
    ASSERT_NE(data->get("href"), nullptr);
    EXPECT_EQ(data->get("href")->string_value(), "../r1/");
    ASSERT_NE(data->get("id"), nullptr);
    EXPECT_EQ(data->get("id")->string_value(), "r1");
  }
  EXPECT_TRUE(shared.shares_storage_with(from_root));
  EXPECT_EQ(link.get("href")->string_value(), "r1/");
  // An object shrunk to its keys still takes more.
  TemplateData grown = link;
  grown.set("via", "agenda");
  grown.shrink_to_fit();
  for (int i = 0; i < 9; ++i) grown.set("key" + std::to_string(i), "v");
  grown.set("via", "minutes");
  EXPECT_EQ(grown.object_value().size(), 12u);
  EXPECT_EQ(grown.get("via")->string_value(), "minutes");
  EXPECT_EQ(grown.get("key8")->string_value(), "v");
  EXPECT_EQ(grown.get("id")->string_value(), "r1");
  TemplateData list{TemplateData::type::list};
  list.push_back("a");
  list.shrink_to_fit();
  list.push_back("b");
  ASSERT_EQ(list.list_value().size(), 2u);
  EXPECT_EQ(list.list_value()[1].string_value(), "b");
}

TEST(TemplateDataTest, MovesLeaveAnEmptyObject) {
  TemplateData data = Link("One");
  TemplateData moved = std::move(data);
  EXPECT_EQ(moved.get("title")->string_value(), "One");
  EXPECT_TRUE(data.is_empty_object());  // NOLINT: tests the moved-from state
  TemplateData assigned;
  assigned = std::move(moved);
  EXPECT_EQ(assigned.get("title")->string_value(), "One");
  const TemplateData& same = assigned;
  assigned = same;  // assigning a value to itself keeps it
  EXPECT_EQ(assigned.get("title")->string_value(), "One");
}

TEST(TemplateDataTest, CopiesMayBeChangedOnSeveralThreadsAtOnce) {
  TemplateData shared;
  TemplateData items{TemplateData::type::list};
  for (int i = 0; i < 50; ++i) items.push_back(Link(std::to_string(i)));
  shared.set("items", items);
  shared.set("title", "Shared");
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&shared, &results, t] {
      for (int round = 0; round < 2000; ++round) {
        TemplateData mine = shared;
        TemplateData list = *mine.get("items");
        list.push_back(Link("mine"));
        mine.set("items", list);
        mine.set("title", "Thread " + std::to_string(t));
        results[t] = std::string(mine.get("title")->string_value()) + "/" +
                     std::to_string(mine.get("items")->list_value().size());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t t = 0; t < results.size(); ++t) {
    EXPECT_EQ(results[t], "Thread " + std::to_string(t) + "/51");
  }
  EXPECT_EQ(shared.get("title")->string_value(), "Shared");
  EXPECT_EQ(shared.get("items")->list_value().size(), 50u);
}

TEST(TemplateDataTest, AStringKeepsEveryByteInItsNodeAndCopiesShareIt) {
  // A string's bytes are kept after its node: every byte, NULs included,
  // at every length around the 15 a std::string keeps in place.
  for (size_t size : {1, 7, 15, 16, 17, 64, 1000, 100000}) {
    std::string text(size, 'x');
    text[size / 2] = '\0';
    text.back() = 'z';
    TemplateData data(text);
    ASSERT_TRUE(data.is_string());
    EXPECT_EQ(data.string_value(), text) << size;
    TemplateData copy = data;
    EXPECT_TRUE(copy.shares_storage_with(data));
    EXPECT_EQ(copy.string_value().data(), data.string_value().data());
    data = TemplateData("other");
    EXPECT_EQ(copy.string_value(), text) << size;  // the copy keeps it
  }
  EXPECT_TRUE(TemplateData(std::string()).string_value().empty());
  EXPECT_TRUE(TemplateData("").string_value().empty());
  EXPECT_EQ(TemplateData("a literal").string_value(), "a literal");
}

}  // namespace
}  // namespace scrutineer
