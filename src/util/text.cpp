#include "servicechain/text.hpp"

namespace servicechain {

namespace {

/// Length of the valid UTF-8 character at text[i] and its code point; 0 when
/// the bytes there are not valid UTF-8.
std::size_t utf8_char(std::string_view text, std::size_t i, char32_t &code) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    code = lead;
    return 1;
  }
  const std::size_t length = lead >= 0xF5 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  code = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
  if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

void append_hex(std::string &out, const char *prefix, unsigned value, int digits) {
  static constexpr char hex[] = "0123456789ABCDEF";
  out += prefix;
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out.push_back(hex[(value >> shift) & 15]);
}

/// Appends the character at text[i] to `out`, escaped when needed; returns its length.
std::size_t append_safe(std::string &out, std::string_view text, std::size_t i, bool keep_newlines) {
  char32_t code = 0;
  const std::size_t length = utf8_char(text, i, code);
  if (length == 0) {
    append_hex(out, "\\x", static_cast<unsigned char>(text[i]), 2);
    return 1;
  }
  if (is_control_character(code) && !(keep_newlines && (code == '\n' || code == '\t')))
    append_hex(out, "\\u", static_cast<unsigned>(code), 4);
  else
    out.append(text.substr(i, length));
  return length;
}

}  // namespace

std::optional<std::size_t> find_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) return i;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F)
      return i;
  }
  return std::nullopt;
}

std::string escape_control(std::string_view text, bool keep_newlines) {
  std::size_t i = 0;
  // The usual case: plain printable ASCII, returned as it is.
  while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x20 && static_cast<unsigned char>(text[i]) < 0x7F) ++i;
  std::string out(text.substr(0, i));
  while (i < text.size()) i += append_safe(out, text, i, keep_newlines);
  return out;
}

std::string excerpt(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t i = 0, chars = 0;
  for (; i < text.size() && chars < max_chars; ++chars) i += append_safe(out, text, i, false);
  if (i < text.size()) out += "\u2026";
  return out;
}

}  // namespace servicechain
