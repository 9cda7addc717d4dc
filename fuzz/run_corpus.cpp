// The fuzz targets as ordinary test programs (normal builds, registered with
// ctest): runs LLVMFuzzerTestOneInput over every file of the seed corpus given
// on the command line (files or directories) and over a few hand-written nasty
// inputs. A target signals a broken property by aborting, so reaching the end
// means every input passed.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

std::vector<std::string> nasty_inputs() {
  std::vector<std::string> inputs = {
      "",
      std::string(1, '\0'),
      std::string("\0\0\0\0\n\0", 6),
      "\xEF\xBB\xBF",                // a byte-order mark alone
      "\xFF\xFE\xFD\n\xC3\x28\n",    // invalid UTF-8
      "\"",
      "\"\"\"\n\"",
      ",,,,\n;;;;\n\t\t\t\n",
      "\r\r\r\n\n\r",
      "{\"format\":\"servicechain/1\",\"units\":[{\"id\":\"a\",\"level\":\"operative\"}],\"x-\":1e400}",
      "servicechain-archive text 1 0\n",
      "servicechain-archive text 1 18446744073709551615\n",
      "servicechain-archive xml 4294967296 1\nx",
  };
  inputs.push_back(std::string(200000, '['));                       // deep nesting
  inputs.push_back(std::string(100000, '[') + "x");                  // deep and broken
  inputs.push_back(std::string(100000, '{') + std::string(100000, '}'));
  inputs.push_back("{\"format\":\"" + std::string(3 << 20, 'a') + "\"}");  // a string over the default limit
  inputs.push_back("a\n\"" + std::string(3 << 20, 'b') + "\"\n");     // a CSV field over the default limit
  inputs.push_back(std::string(300000, ','));                       // many fields
  inputs.push_back(std::string(100000, '\n') + "a,b\n");           // many blank lines
  std::string many_keys = "{\"format\":\"servicechain/1\"";  // 10^5 keys in one object
  for (int i = 0; i < 100000; ++i) many_keys += ",\"x-" + std::to_string(i) + "\":0";
  inputs.push_back(many_keys + "}");
  inputs.push_back(std::string(100000, '[') + "\"");  // deep, then an unterminated string
  return inputs;
}

int run(const std::string &bytes) {
  return LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
}

std::string read_all(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char **argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path arg = argv[i];
    if (std::filesystem::is_directory(arg)) {
      for (const auto &entry : std::filesystem::recursive_directory_iterator(arg))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else {
      files.push_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto &file : files) run(read_all(file));
  auto nasty = nasty_inputs();
  for (const auto &input : nasty) run(input);
  std::printf("%zu corpus files and %zu hand-written inputs passed\n", files.size(), nasty.size());
  return files.empty() ? 1 : 0;  // an empty corpus means a wrong path, not a pass
}
