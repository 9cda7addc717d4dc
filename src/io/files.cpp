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

std::FILE *open_for_reading(const std::filesystem::path &file) {
  std::FILE *f = std::fopen(file.c_str(), "rb");
  if (!f) throw InputError(file.string() + ": cannot open: " + std::strerror(errno));
  return f;
}

}  // namespace

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

void write_file_atomic(const std::filesystem::path &file, std::string_view content) {
  namespace fs = std::filesystem;
  fs::path dir = file.parent_path();
  if (dir.empty()) dir = ".";
  std::random_device rd;
  fs::path temp = dir / ("." + file.filename().string() + ".tmp" + std::to_string(rd()));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(file.string() + ": cannot write: " + std::strerror(errno));
  const char *p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t w = ::write(fd, p, left);
    if (w < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      throw Error(file.string() + ": write failed: " + std::strerror(e));
    }
    p += w;
    left -= static_cast<std::size_t>(w);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int e = errno;
    ::unlink(temp.c_str());
    throw Error(file.string() + ": write failed: " + std::strerror(e));
  }
  if (std::rename(temp.c_str(), file.c_str()) != 0) {
    int e = errno;
    ::unlink(temp.c_str());
    throw Error(file.string() + ": cannot replace: " + std::strerror(e));
  }
}

}  // namespace servicechain
