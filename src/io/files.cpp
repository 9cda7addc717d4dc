#include "servicechain/io/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

#include "servicechain/error.hpp"
#include "model_json_file.hpp"
#include "open_file.hpp"

namespace servicechain {

namespace {

/// The rest of an open stream, closing it; LimitError past `max_bytes`.
std::string read_stream(std::FILE *f, const std::filesystem::path &file, std::size_t max_bytes) {
  std::string content;
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    if (content.size() + n > max_bytes) {
      std::fclose(f);
      throw LimitError(file.string() + ": larger than the limit of " + std::to_string(max_bytes) + " bytes");
    }
    content.append(buffer, n);
  }
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) throw InputError(file.string() + ": read error");
  return content;
}

}  // namespace

namespace detail {

std::FILE *open_for_reading(const std::filesystem::path &file) {
  std::FILE *f = std::fopen(file.c_str(), "rb");
  if (!f) throw InputError(file.string() + ": cannot open: " + std::strerror(errno));
  struct stat info {};
  if (::fstat(::fileno(f), &info) == 0 && S_ISDIR(info.st_mode)) {
    std::fclose(f);
    throw InputError(file.string() + ": is a directory, not a file");
  }
  return f;
}

}  // namespace detail

using detail::open_for_reading;

std::string read_file(const std::filesystem::path &file, std::size_t max_bytes) {
  return read_stream(open_for_reading(file), file, max_bytes);
}

simdjson::padded_string read_file_padded(const std::filesystem::path &file, std::size_t max_bytes) {
  std::FILE *f = open_for_reading(file);
  struct stat info {};
  if (::fstat(::fileno(f), &info) == 0 && S_ISREG(info.st_mode)) {
    const auto size = static_cast<std::size_t>(info.st_size);
    if (size > max_bytes) {
      std::fclose(f);
      throw LimitError(file.string() + ": larger than the limit of " + std::to_string(max_bytes) + " bytes");
    }
    simdjson::padded_string text(size);
    if (!text.data()) {
      std::fclose(f);
      throw LimitError(file.string() + ": not enough memory to read " + std::to_string(size) + " bytes");
    }
    const bool whole = std::fread(text.data(), 1, size, f) == size && std::fgetc(f) == EOF;
    const bool failed = std::ferror(f);
    std::fclose(f);
    if (failed) throw InputError(file.string() + ": read error");
    if (whole) return text;  // otherwise the file changed size while read: read it as a stream
    f = open_for_reading(file);
  }
  // A pipe (a FIFO, /dev/stdin) is read from the stream already open: opening
  // it again could find its writer gone, or wait for one forever.
  return simdjson::padded_string(read_stream(f, file, max_bytes));
}

namespace {

/// Writes all of `content` to `fd`, retrying short writes and EINTR; false with
/// errno set on the first failed write.
bool write_all(int fd, std::string_view content) {
  const char *p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t w = ::write(fd, p, left);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    left -= static_cast<std::size_t>(w);
  }
  return true;
}

[[noreturn]] void write_failed(const std::filesystem::path &file, int e) {
  throw Error(file.string() + ": write failed: " + std::strerror(e));
}

/// Writes to an existing file that is not a regular one (a character device, a
/// FIFO): no create, no truncate, no rename. False, with nothing written, when the
/// file turned out to be a regular file after all (replaced since it was looked at).
bool write_in_place(const std::filesystem::path &file, std::string_view content) {
  int fd;
  do fd = ::open(file.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) throw Error(file.string() + ": cannot write: " + std::strerror(errno));
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
    ::close(fd);
    return false;
  }
  if (!write_all(fd, content)) {
    int e = errno;
    ::close(fd);
    write_failed(file, e);
  }
  if (::close(fd) != 0 && errno != EINTR) write_failed(file, errno);
  return true;
}

/// Writes a temporary file next to `file`, flushes it and renames it over `file`.
void replace_atomically(const std::filesystem::path &file, std::string_view content) {
  namespace fs = std::filesystem;
  fs::path dir = file.parent_path();
  if (dir.empty()) dir = ".";
  std::random_device rd;
  // append, not `"." + ...`: GCC 12 warns falsely (-Wrestrict) on the latter in Release builds
  std::string name = ".";
  name.append(file.filename().string()).append(".tmp").append(std::to_string(rd()));
  fs::path temp = dir / name;
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(file.string() + ": cannot write: " + std::strerror(errno));
  if (!write_all(fd, content)) {
    int e = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    write_failed(file, e);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int e = errno;
    ::unlink(temp.c_str());
    write_failed(file, e);
  }
  if (std::rename(temp.c_str(), file.c_str()) != 0) {
    int e = errno;
    ::unlink(temp.c_str());
    throw Error(file.string() + ": cannot replace: " + std::strerror(e));
  }
}

}  // namespace

void write_file_atomic(const std::filesystem::path &file, std::string_view content) {
  struct stat info {};
  if (::stat(file.c_str(), &info) == 0) {  // follows symbolic links
    if (S_ISDIR(info.st_mode)) throw Error(file.string() + ": cannot write: it is a directory");
    if (!S_ISREG(info.st_mode)) {
      if (write_in_place(file, content)) return;
    } else {
      struct stat entry {};
      if (::lstat(file.c_str(), &entry) == 0 && S_ISLNK(entry.st_mode)) {
        // Replace the file the link points to, not the link: the temporary file
        // goes in that file's directory, so the rename stays within one file system.
        std::error_code ec;
        auto real = std::filesystem::canonical(file, ec);
        if (ec) throw Error(file.string() + ": cannot resolve the link: " + ec.message());
        return replace_atomically(real, content);
      }
    }
  }
  replace_atomically(file, content);
}

}  // namespace servicechain
