#include "servicechain/io/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <csignal>
#include <pthread.h>
#include <new>
#include <optional>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

#include "servicechain/error.hpp"
#include "model_json_file.hpp"
#include "open_file.hpp"

namespace servicechain {

namespace {

[[noreturn]] void throw_too_large(const std::filesystem::path &file, std::size_t max_bytes) {
  throw LimitError(file.string() + ": larger than the limit of " + std::to_string(max_bytes) + " bytes");
}

/// The rest of an open stream appended to `content`, closing it; LimitError
/// past `max_bytes` (read in chunks: never more than one chunk past the limit)
/// or when memory runs out first.
std::string read_stream(std::FILE *f, const std::filesystem::path &file, std::size_t max_bytes, std::string content = {}) {
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    if (content.size() + n > max_bytes) {
      std::fclose(f);
      throw_too_large(file, max_bytes);
    }
    try {
      content.append(buffer, n);
    } catch (const std::bad_alloc &) {
      std::fclose(f);
      throw LimitError(file.string() + ": not enough memory to read more than " + std::to_string(content.size()) +
                       " bytes (limit " + std::to_string(max_bytes) + ")");
    }
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

namespace {

/// The size of open `f` when it is a regular file, checked against `max_bytes`
/// before a byte is read (closing `f` and throwing LimitError past it);
/// nullopt for a pipe or device, whose size is unknown.
std::optional<std::size_t> regular_size(std::FILE *f, const std::filesystem::path &file, std::size_t max_bytes) {
  struct stat info {};
  if (::fstat(::fileno(f), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  const auto size = static_cast<std::size_t>(info.st_size);
  if (size > max_bytes) {
    std::fclose(f);
    throw_too_large(file, max_bytes);
  }
  return size;
}

[[noreturn]] void throw_no_memory(std::FILE *f, const std::filesystem::path &file, std::size_t size) {
  std::fclose(f);
  throw LimitError(file.string() + ": not enough memory to read " + std::to_string(size) + " bytes");
}

}  // namespace

std::string read_file(const std::filesystem::path &file, std::size_t max_bytes) {
  std::FILE *f = open_for_reading(file);
  if (const auto size = regular_size(f, file, max_bytes)) {
    std::string content;  // one allocation of the known size
    try {
      content.reserve(*size);
    } catch (const std::bad_alloc &) {
      throw_no_memory(f, file, *size);
    }
    return read_stream(f, file, max_bytes, std::move(content));
  }
  return read_stream(f, file, max_bytes);  // a pipe or device: stopped one chunk past the limit
}

simdjson::padded_string read_file_padded(const std::filesystem::path &file, std::size_t max_bytes) {
  std::FILE *f = open_for_reading(file);
  if (const auto regular = regular_size(f, file, max_bytes)) {
    const std::size_t size = *regular;
    simdjson::padded_string text(size);
    if (!text.data()) throw_no_memory(f, file, size);
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

/// Blocks the signals that end a process by default (SIGINT, SIGTERM, SIGHUP,
/// SIGQUIT, SIGPIPE) on this thread while alive: a temporary name that exists
/// only under its protection is never left behind by them.
class SignalsHeld {
 public:
  SignalsHeld() {
    sigset_t held;
    sigemptyset(&held);
    for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE}) sigaddset(&held, signal);
    pthread_sigmask(SIG_BLOCK, &held, &previous_);
  }
  ~SignalsHeld() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  SignalsHeld(const SignalsHeld &) = delete;
  SignalsHeld &operator=(const SignalsHeld &) = delete;

 private:
  sigset_t previous_;
};

/// A fresh name next to `file` for a temporary file.
std::filesystem::path temporary_name(const std::filesystem::path &dir, const std::filesystem::path &file) {
  std::random_device rd;
  // append, not `"." + ...`: GCC 12 warns falsely (-Wrestrict) on the latter in Release builds
  std::string name = ".";
  name.append(file.filename().string()).append(".tmp").append(std::to_string(rd()));
  return dir / name;
}

/// What a replaced file keeps: its permission bits and owner.
struct Keep {
  bool exists = false;
  mode_t mode = 0;
  uid_t owner = 0;
  gid_t group = 0;
};

/// Refuses a target the user may not write (a read-only file is the user's
/// choice: replacing it by rename would go around it); the mode and owner to keep.
Keep existing_target(const std::filesystem::path &file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) return {};
  if (::access(file.c_str(), W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    throw Error(file.string() + ": cannot write: the file is read-only (mode " + mode + ")");
  }
  return {true, static_cast<mode_t>(info.st_mode & 07777), info.st_uid, info.st_gid};
}

/// Writes `content`, gives the file the kept mode and owner (the owner where
/// permitted) and flushes it to disk; errno set on failure.
bool fill(int fd, std::string_view content, const Keep &keep) {
  if (!write_all(fd, content)) return false;
  if (keep.exists) {
    if (::fchown(fd, keep.owner, keep.group) != 0) (void)!::fchown(fd, static_cast<uid_t>(-1), keep.group);
    if (::fchmod(fd, keep.mode) != 0) return false;
  }
  return ::fsync(fd) == 0;
}

/// Linux: an unnamed file in `dir` (O_TMPFILE), filled, then given a name and
/// renamed over `file`. Killed while writing, it leaves nothing; the name
/// exists only between linkat and rename, with the terminating signals held.
/// False (nothing done) when the file system has no O_TMPFILE.
bool replace_with_unnamed_file(const std::filesystem::path &dir, const std::filesystem::path &file,
                               std::string_view content, const Keep &keep) {
#ifdef O_TMPFILE
  int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0) {
    if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) return false;
    throw Error(file.string() + ": cannot write: " + std::strerror(errno));
  }
  if (!fill(fd, content, keep)) {
    int e = errno;
    ::close(fd);
    write_failed(file, e);
  }
  const std::string proc = "/proc/self/fd/" + std::to_string(fd);
  SignalsHeld held;
  const std::filesystem::path temp = temporary_name(dir, file);
  int linked = ::linkat(fd, "", AT_FDCWD, temp.c_str(), AT_EMPTY_PATH);
  if (linked != 0) linked = ::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, temp.c_str(), AT_SYMLINK_FOLLOW);
  const int link_error = errno;
  ::close(fd);
  if (linked != 0) throw Error(file.string() + ": cannot write: " + std::strerror(link_error));
  if (std::rename(temp.c_str(), file.c_str()) != 0) {
    int e = errno;
    ::unlink(temp.c_str());
    throw Error(file.string() + ": cannot replace: " + std::strerror(e));
  }
  return true;
#else
  (void)dir, (void)file, (void)content, (void)keep;
  return false;
#endif
}

/// Writes a temporary file next to `file`, flushes it and renames it over
/// `file`, keeping the mode and owner of the file it replaces. The temporary
/// file has no name while written where the system allows (O_TMPFILE);
/// elsewhere its name lives only while the terminating signals are held.
void replace_atomically(const std::filesystem::path &file, std::string_view content) {
  std::filesystem::path dir = file.parent_path();
  if (dir.empty()) dir = ".";
  const Keep keep = existing_target(file);
  if (replace_with_unnamed_file(dir, file, content, keep)) return;
  SignalsHeld held;
  const std::filesystem::path temp = temporary_name(dir, file);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) throw Error(file.string() + ": cannot write: " + std::strerror(errno));
  bool written = fill(fd, content, keep);
  int e = errno;
  if (::close(fd) != 0 && written) written = false, e = errno;
  if (!written) {
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
