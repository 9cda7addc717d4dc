// A program that uses an installed servicechain (tests/packaging): reads a model
// and prints its size and the library version.
#include <iostream>

#include "servicechain/io/model_json.hpp"
#include "servicechain/log.hpp"
#include "servicechain/model.hpp"

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer MODEL.json\n";
    return 2;
  }
  try {
    servicechain::set_logger(nullptr);  // the public logging header compiles and links
    servicechain::Model model = servicechain::load_model(argv[1]);
    std::cout << "servicechain " << servicechain::version() << " units " << model.units.size() << "\n";
  } catch (const servicechain::Error &e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
