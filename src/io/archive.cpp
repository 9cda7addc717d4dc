// Boost.Serialization of the whole model. The archives are for trusted data only
// (checkpoints, caches): Boost does not harden its readers against hostile input.
// A header line "servicechain-archive <format> <version> <bytes>" is checked first.
#include "servicechain/io/archive.hpp"

#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/archive/xml_iarchive.hpp>
#include <boost/archive/xml_oarchive.hpp>
#include <boost/serialization/nvp.hpp>
#include <boost/serialization/split_free.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>
#include <charconv>
#include <sstream>
#include <vector>

#include "archive_header.hpp"
#include "servicechain/error.hpp"

namespace boost::serialization {
using boost::serialization::make_nvp;
namespace sc = servicechain;

// std::optional is not covered by Boost 1.74's headers.
template <class Archive, class T>
void save(Archive &ar, const std::optional<T> &value, unsigned) {
  bool has = value.has_value();
  ar << make_nvp("has", has);
  if (has) ar << make_nvp("value", *value);
}
template <class Archive, class T>
void load(Archive &ar, std::optional<T> &value, unsigned) {
  bool has = false;
  ar >> make_nvp("has", has);
  if (!has) {
    value.reset();
    return;
  }
  T item{};
  ar >> make_nvp("value", item);
  value = std::move(item);
}
template <class Archive, class T>
void serialize(Archive &ar, std::optional<T> &value, unsigned version) {
  split_free(ar, value, version);
}

#define SC_FIELD(name) ar &make_nvp(#name, x.name)

template <class Archive> void serialize(Archive &ar, sc::Organization &x, unsigned) {
  SC_FIELD(id); SC_FIELD(name); SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::Unit &x, unsigned) {
  SC_FIELD(id); SC_FIELD(name); SC_FIELD(parent); SC_FIELD(level); SC_FIELD(quality); SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::Competency &x, unsigned) {
  SC_FIELD(id); SC_FIELD(name); SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::Position &x, unsigned) {
  SC_FIELD(id); SC_FIELD(title); SC_FIELD(unit); SC_FIELD(level); SC_FIELD(requires_levels); SC_FIELD(weights);
  SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::Person &x, unsigned) {
  SC_FIELD(id); SC_FIELD(name); SC_FIELD(unit); SC_FIELD(position); SC_FIELD(manager); SC_FIELD(morale);
  SC_FIELD(competencies); SC_FIELD(customer_contacts_per_year); SC_FIELD(training_hours); SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::Segment &x, unsigned) {
  SC_FIELD(id); SC_FIELD(name); SC_FIELD(size); SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::Service &x, unsigned) {
  SC_FIELD(from); SC_FIELD(to); SC_FIELD(name); SC_FIELD(weight); SC_FIELD(rating); SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::MomentOfTruth &x, unsigned) {
  SC_FIELD(id); SC_FIELD(name); SC_FIELD(segment); SC_FIELD(owner); SC_FIELD(stage); SC_FIELD(importance);
  SC_FIELD(volume); SC_FIELD(channel); SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::Scope &x, unsigned) { SC_FIELD(kind); SC_FIELD(id); }
template <class Archive> void serialize(Archive &ar, sc::Standard &x, unsigned) {
  SC_FIELD(id); SC_FIELD(metric); SC_FIELD(scope); SC_FIELD(op); SC_FIELD(target); SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::Policy &x, unsigned) {
  SC_FIELD(id); SC_FIELD(statement); SC_FIELD(standards); SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::CurriculumModule &x, unsigned) {
  SC_FIELD(id); SC_FIELD(title); SC_FIELD(level); SC_FIELD(raises); SC_FIELD(hours); SC_FIELD(cost); SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::ActionTarget &x, unsigned) { SC_FIELD(kind); SC_FIELD(id); }
template <class Archive> void serialize(Archive &ar, sc::ActionEffect &x, unsigned) {
  SC_FIELD(kind); SC_FIELD(delta); SC_FIELD(competency);
}
template <class Archive> void serialize(Archive &ar, sc::Action &x, unsigned) {
  SC_FIELD(id); SC_FIELD(title); SC_FIELD(type); SC_FIELD(stage); SC_FIELD(target); SC_FIELD(effect); SC_FIELD(cost);
  SC_FIELD(duration_days); SC_FIELD(after); SC_FIELD(owner); SC_FIELD(due); SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::Plan &x, unsigned) {
  SC_FIELD(id); SC_FIELD(name); SC_FIELD(start); SC_FIELD(budget); SC_FIELD(actions); SC_FIELD(extensions);
}
// The "x-" data of the assessment's items, processes and responses came with
// class version 1 (archive version 2); a version 0 archive has none.
template <class Archive> void serialize(Archive &ar, sc::MaturityItem &x, unsigned version) {
  SC_FIELD(id); SC_FIELD(text);
  if (version >= 1) SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::MaturityProcess &x, unsigned version) {
  SC_FIELD(id); SC_FIELD(name); SC_FIELD(items);
  if (version >= 1) SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::MaturityResponse &x, unsigned version) {
  SC_FIELD(respondent); SC_FIELD(level); SC_FIELD(scores);
  if (version >= 1) SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::Assessment &x, unsigned) {
  SC_FIELD(processes); SC_FIELD(responses); SC_FIELD(extensions);
}
template <class Archive> void serialize(Archive &ar, sc::Model &x, unsigned) {
  SC_FIELD(organization); SC_FIELD(units); SC_FIELD(competencies); SC_FIELD(positions); SC_FIELD(people);
  SC_FIELD(segments); SC_FIELD(services); SC_FIELD(moments); SC_FIELD(policies); SC_FIELD(curriculum);
  SC_FIELD(plans); SC_FIELD(assessment); SC_FIELD(extensions);
}
#undef SC_FIELD

}  // namespace boost::serialization

BOOST_CLASS_VERSION(servicechain::Model, servicechain::archive_version)
BOOST_CLASS_VERSION(servicechain::MaturityItem, 1)
BOOST_CLASS_VERSION(servicechain::MaturityProcess, 1)
BOOST_CLASS_VERSION(servicechain::MaturityResponse, 1)

namespace servicechain {
namespace {

constexpr std::string_view magic = "servicechain-archive";

std::string_view format_name(ArchiveFormat format) {
  switch (format) {
    case ArchiveFormat::text: return "text";
    case ArchiveFormat::xml: return "xml";
    case ArchiveFormat::binary: return "binary";
  }
  return "";
}

}  // namespace

std::optional<ArchiveFormat> archive_format_for_extension(std::string_view extension) {
  if (extension == ".txt") return ArchiveFormat::text;
  if (extension == ".xml") return ArchiveFormat::xml;
  if (extension == ".bin") return ArchiveFormat::binary;
  return std::nullopt;
}

std::string to_archive(const Model &model, ArchiveFormat format) {
  std::ostringstream payload;
  {
    switch (format) {
      case ArchiveFormat::text: {
        boost::archive::text_oarchive ar(payload);
        ar << boost::serialization::make_nvp("model", model);
        break;
      }
      case ArchiveFormat::xml: {
        boost::archive::xml_oarchive ar(payload);
        ar << boost::serialization::make_nvp("model", model);
        break;
      }
      case ArchiveFormat::binary: {
        boost::archive::binary_oarchive ar(payload);
        ar << boost::serialization::make_nvp("model", model);
        break;
      }
    }
  }
  std::string body = std::move(payload).str();
  std::string header = std::string(magic) + " " + std::string(format_name(format)) + " " +
                       std::to_string(archive_version) + " " + std::to_string(body.size()) + "\n";
  return header + body;
}

namespace detail {

std::string_view checked_archive_payload(std::string_view bytes, ArchiveFormat format) {
  auto newline = bytes.find('\n');
  if (newline == std::string_view::npos || newline > 128 || !bytes.starts_with(magic))
    throw InputError("not a servicechain archive (missing \"servicechain-archive\" header)");
  std::string header(bytes.substr(0, newline));
  // Exactly four words; the numbers are plain decimal digits (no sign, no suffix).
  std::istringstream fields(header);
  std::vector<std::string> words;
  for (std::string word; fields >> word;) words.push_back(std::move(word));
  auto decimal = [](const std::string &word, auto &out) {
    auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), out);
    return ec == std::errc() && end == word.data() + word.size();
  };
  unsigned version = 0;
  std::size_t length = 0;
  if (words.size() != 4 || words[0] != magic || !decimal(words[2], version) || !decimal(words[3], length))
    throw InputError("malformed servicechain archive header: \"" + header + "\"");
  const std::string &name = words[1];
  if (name != format_name(format))
    throw InputError("archive holds the " + name + " format, but was read as " + std::string(format_name(format)));
  if (version == 0 || version > archive_version)
    throw InputError("archive version " + std::to_string(version) + " is not supported (this build reads up to " +
                     std::to_string(archive_version) + ")");
  std::string_view payload = bytes.substr(newline + 1);
  if (payload.size() != length)
    throw InputError("archive is " + std::to_string(payload.size()) + " bytes after its header, which announces " +
                     std::to_string(length) + " (truncated or corrupted)");
  return payload;
}

}  // namespace detail

Model from_archive(std::string_view bytes, ArchiveFormat format) {
  std::string_view body = detail::checked_archive_payload(bytes, format);
  Model model;
  try {
    std::istringstream in{std::string(body)};
    switch (format) {
      case ArchiveFormat::text: {
        boost::archive::text_iarchive ar(in);
        ar >> boost::serialization::make_nvp("model", model);
        break;
      }
      case ArchiveFormat::xml: {
        boost::archive::xml_iarchive ar(in);
        ar >> boost::serialization::make_nvp("model", model);
        break;
      }
      case ArchiveFormat::binary: {
        boost::archive::binary_iarchive ar(in);
        ar >> boost::serialization::make_nvp("model", model);
        break;
      }
    }
  } catch (const std::exception &e) {
    throw InputError(std::string("cannot read archive: ") + e.what());
  }
  return model;
}

}  // namespace servicechain
