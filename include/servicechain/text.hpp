#pragma once
// Text from untrusted input, made safe to show: control characters escaped, and
// bounded excerpts for error messages (docs/reliability.md, "Safe text").
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace servicechain {

/// Longest excerpt of the input an error message quotes, in characters.
inline constexpr std::size_t max_excerpt_chars = 80;

/// Whether `c` is a control character: U+0000–U+001F, U+007F or U+0080–U+009F.
constexpr bool is_control_character(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

/// Byte offset of the first control character of UTF-8 `text` (a C1 character
/// is the two bytes C2 80–C2 9F), or nullopt when there is none.
std::optional<std::size_t> find_control_character(std::string_view text);

/// `text` safe for a terminal: every control character but newline and tab
/// (with `keep_newlines`) written as a backslash, `u` and four hex digits (ESC
/// as `u001B` after the backslash), and every byte that is not part of valid
/// UTF-8 as a backslash, `x` and two hex digits, so that no escape sequence of
/// the input reaches the screen. Text without such characters comes back unchanged.
std::string escape_control(std::string_view text, bool keep_newlines = true);

/// At most `max_chars` characters of `text` for an error message, control
/// characters (newlines too) escaped, an ellipsis "…" when cut.
std::string excerpt(std::string_view text, std::size_t max_chars = max_excerpt_chars);

}  // namespace servicechain
