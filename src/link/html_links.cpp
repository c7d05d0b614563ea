#include "link/html_links.h"

#include <cctype>

namespace scrutineer {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Finds `needle` in `text` from `from`, ignoring ASCII case.
size_t FindIgnoringCase(std::string_view text, std::string_view needle,
                        size_t from) {
  for (size_t i = from; i + needle.size() <= text.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() &&
           std::tolower(static_cast<unsigned char>(text[i + k])) == needle[k]) {
      ++k;
    }
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

void AppendUtf8(unsigned long code, std::string* out) {
  if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    code = 0xFFFD;
  }
  if (code < 0x80) {
    *out += static_cast<char>(code);
  } else if (code < 0x800) {
    *out += static_cast<char>(0xC0 | (code >> 6));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    *out += static_cast<char>(0xE0 | (code >> 12));
    *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (code >> 18));
    *out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// Skips the raw text of elements whose content is not markup.
size_t SkipRawText(std::string_view html, const std::string& tag, size_t from) {
  if (tag != "script" && tag != "style" && tag != "textarea" &&
      tag != "title") {
    return from;
  }
  size_t end = FindIgnoringCase(html, "</" + tag, from);
  return end == std::string_view::npos ? html.size() : end;
}

}  // namespace

std::string DecodeHtmlAttribute(std::string_view value) {
  static const struct {
    std::string_view name;
    std::string_view text;
  } kNamed[] = {{"amp", "&"},   {"lt", "<"},   {"gt", ">"},
                {"quot", "\""}, {"apos", "'"}, {"nbsp", "\xC2\xA0"}};
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    size_t end = value[i] == '&' ? value.find(';', i) : std::string_view::npos;
    if (end == std::string_view::npos || end - i > 10) {
      out += value[i];
      continue;
    }
    std::string_view name = value.substr(i + 1, end - i - 1);
    bool decoded = false;
    if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      unsigned long code = 0;
      bool ok = !digits.empty();
      for (char c : digits) {
        int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                    : hex && std::isxdigit(static_cast<unsigned char>(c))
                        ? std::tolower(c) - 'a' + 10
                        : -1;
        if (digit < 0) ok = false;
        code = code * (hex ? 16 : 10) + (digit < 0 ? 0 : digit);
        if (code > 0x10FFFF) code = 0x110000;  // stays out of range
      }
      if (ok) {
        AppendUtf8(code, &out);
        decoded = true;
      }
    } else {
      for (const auto& entity : kNamed) {
        if (entity.name == name) {
          out += entity.text;
          decoded = true;
        }
      }
    }
    if (decoded) {
      i = end;
    } else {
      out += value[i];
    }
  }
  return out;
}

HtmlLinks ScanHtml(std::string_view html) {
  HtmlLinks result;
  size_t i = 0;
  while (i < html.size()) {
    size_t open = html.find('<', i);
    if (open == std::string_view::npos) break;
    i = open + 1;
    if (html.compare(open, 4, "<!--") == 0) {
      size_t end = html.find("-->", open + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    if (i < html.size() &&
        (html[i] == '!' || html[i] == '?' || html[i] == '/')) {
      size_t end = html.find('>', i);
      i = end == std::string_view::npos ? html.size() : end + 1;
      continue;
    }
    size_t name_end = i;
    while (name_end < html.size() &&
           std::isalnum(static_cast<unsigned char>(html[name_end]))) {
      ++name_end;
    }
    if (name_end == i) continue;  // a lone '<' in text
    std::string tag = Lower(html.substr(i, name_end - i));
    i = name_end;
    // Attributes, up to the end of the tag.
    while (i < html.size() && html[i] != '>') {
      if (IsSpace(html[i]) || html[i] == '/') {
        ++i;
        continue;
      }
      size_t name_start = i;
      while (i < html.size() && !IsSpace(html[i]) && html[i] != '=' &&
             html[i] != '>' && html[i] != '/') {
        ++i;
      }
      std::string name = Lower(html.substr(name_start, i - name_start));
      while (i < html.size() && IsSpace(html[i])) ++i;
      if (i >= html.size() || html[i] != '=') continue;  // no value
      ++i;
      while (i < html.size() && IsSpace(html[i])) ++i;
      size_t value_start = i;
      size_t value_end = i;
      if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
        char quote = html[i];
        value_start = i + 1;
        value_end = html.find(quote, value_start);
        if (value_end == std::string_view::npos) value_end = html.size();
        i = value_end + 1;
      } else {
        while (value_end < html.size() && !IsSpace(html[value_end]) &&
               html[value_end] != '>') {
          ++value_end;
        }
        i = value_end;
      }
      std::string value = DecodeHtmlAttribute(
          html.substr(value_start, value_end - value_start));
      if (name == "href" || name == "src") {
        result.links.push_back(HtmlLink{value, value_start, tag, name});
      } else if (name == "id" || (name == "name" && tag == "a")) {
        result.ids.insert(value);
      }
    }
    ++i;
    i = SkipRawText(html, tag, i);
  }
  return result;
}

}  // namespace scrutineer
