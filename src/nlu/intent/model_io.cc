// The model file format (version 3), all integers little-endian:
//
//   header (32 bytes): magic "AICCINTM" · u32 format version · u32 flags (0) ·
//                      u64 payload length · u32 CRC-32 of the payload · u32 reserved (0)
//   payload:           feature + normalisation config · labels · out_of_scope index ·
//                      temperature · thresholds · training report · vocabulary keys + idf ·
//                      u8 model kind · linear: sparse weights (CSR) + bias;
//                      MLP: u32 hidden · W1 [feature][hidden] as binary16 · b1 (f32) ·
//                      u32 classes · W2 · b2 (f32)
//
// Version 2 is the same except that W1 is stored as f32: such files still load (their W1 as
// stored) and are written back as version 3. The first layer is nearly the whole file of an
// MLP model, and training rounds it to binary16 (half_float.h), so version 3 halves the file
// without changing a prediction. Version 1 (no model kind, always linear) is refused with
// "retrain it": a model is cheap to retrain from its data.
//
// Loading checks, in order: size, magic, version, length, checksum, then every count against
// the bytes that remain, so a corrupt file yields an Error and never a wild allocation.
#include <unistd.h>
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>

#include "nlu/intent/classifier.h"
#include "nlu/intent/half_float.h"

namespace aicc::nlu {

static_assert(std::endian::native == std::endian::little, "model files are little-endian");

namespace {

constexpr std::array<char, 8> kMagic = {'A', 'I', 'C', 'C', 'I', 'N', 'T', 'M'};
constexpr std::uint32_t kFormatVersion = 3;          // written
constexpr std::uint32_t kOldestReadableVersion = 2;  // read: 2 (f32 first layer) and 3
constexpr std::size_t kHeaderSize = 32;

constexpr std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}
constexpr auto kCrcTable = make_crc_table();

std::uint32_t crc32(std::string_view data) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (const char ch : data) c = kCrcTable[(c ^ static_cast<unsigned char>(ch)) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

class Writer {
 public:
  template <typename T>
  void put(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));
    out_.append(buf, sizeof(T));
  }
  template <typename T>
  void put_array(const std::vector<T>& v) {
    if (!v.empty()) out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void put_string(std::string_view s) {
    put(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  template <typename T>
  bool get(T& v) {
    if (data_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(&v, data_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  template <typename T>
  bool get_array(std::vector<T>& v, std::uint64_t n) {
    if (n > (data_.size() - pos_) / sizeof(T)) return false;  // checked before allocating
    v.resize(static_cast<std::size_t>(n));
    if (n > 0) std::memcpy(v.data(), data_.data() + pos_, static_cast<std::size_t>(n) * sizeof(T));
    pos_ += static_cast<std::size_t>(n) * sizeof(T);
    return true;
  }
  bool get_string(std::string& s) {
    std::uint32_t n = 0;
    if (!get(n) || n > data_.size() - pos_) return false;
    s.assign(data_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool done() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

// W1 as the file's version stores it: binary16 (3) or f32 (2).
bool get_first_layer(Reader& r, std::uint32_t version, std::uint64_t n, std::vector<float>& w1) {
  if (version == 2) return r.get_array(w1, n);
  std::vector<std::uint16_t> half;
  if (!r.get_array(half, n)) return false;
  w1.resize(half.size());
  std::transform(half.begin(), half.end(), w1.begin(), half_to_float);
  return true;
}

tl::unexpected<Error> bad_model(std::string_view name, const std::string& why) {
  return make_error(ErrorCode::kInvalidArgument,
                    std::string(name) + ": not a usable intent model: " + why,
                    {{"file", std::string(name)}, {"reason", why}});
}

bool finite_positive(float v) {
  return std::isfinite(v) && v > 0.0f;
}
bool is_probability(float v) {
  return std::isfinite(v) && v >= 0.0f && v <= 1.0f;
}

}  // namespace

// Friend of IntentClassifier: the only code that touches its private parts for I/O.
class ModelCodec {
 public:
  static std::string encode(const IntentClassifier& m) {
    Writer w;
    const FeatureConfig& fc = m.vectorizer_.config();
    w.put<std::int32_t>(fc.char_min_n);
    w.put<std::int32_t>(fc.char_max_n);
    w.put<std::int32_t>(fc.joined_min_n);
    w.put<std::int32_t>(fc.joined_max_n);
    w.put<std::int32_t>(fc.jamo_min_n);
    w.put<std::int32_t>(fc.jamo_max_n);
    w.put<std::uint8_t>(fc.word_unigrams ? 1 : 0);
    w.put<std::uint8_t>(fc.word_bigrams ? 1 : 0);
    w.put<float>(fc.char_weight);
    w.put<float>(fc.word_weight);
    w.put<float>(fc.bigram_weight);
    w.put<float>(fc.jamo_weight);
    const NormalizeOptions& no = m.vectorizer_.normalize_options();
    w.put<std::uint8_t>(no.casefold ? 1 : 0);
    w.put<std::int32_t>(no.max_letter_repeat);
    w.put<std::int32_t>(no.max_symbol_repeat);
    w.put(static_cast<std::uint32_t>(m.labels_.size()));
    for (const auto& l : m.labels_) w.put_string(l);
    w.put<std::int32_t>(m.oos_index_);
    w.put<float>(m.temperature_);
    w.put<float>(m.thresholds_.default_threshold);
    w.put(static_cast<std::uint32_t>(m.thresholds_.per_intent.size()));
    for (const auto& [k, v] : m.thresholds_.per_intent) {
      w.put_string(k);
      w.put<float>(v);
    }
    const TrainingReport& r = m.report_;
    w.put(r.examples);
    w.put(r.features);
    w.put(r.weights);
    w.put(r.heldout_accuracy);
    w.put(r.ece_before);
    w.put(r.ece_after);
    w.put(r.fitted_threshold);
    w.put(r.data_fingerprint);
    w.put(r.seed);
    const auto& keys = m.vectorizer_.vocabulary().keys();
    w.put(static_cast<std::uint64_t>(keys.size()));
    w.put_array(keys);
    w.put_array(m.vectorizer_.idf());
    w.put<float>(m.vectorizer_.unknown_idf());
    w.put(static_cast<std::uint8_t>(m.kind_));
    if (m.kind_ == ModelKind::kMlp) {
      w.put(m.mlp_.hidden());
      std::vector<std::uint16_t> w1(m.mlp_.w1().size());
      std::transform(m.mlp_.w1().begin(), m.mlp_.w1().end(), w1.begin(), float_to_half);
      w.put_array(w1);
      w.put_array(m.mlp_.b1());
      w.put(m.mlp_.classes());
      w.put_array(m.mlp_.w2());
      w.put_array(m.mlp_.b2());
      return std::move(w.bytes());
    }
    w.put(m.model_.classes());
    w.put_array(m.model_.row_offsets());
    w.put(static_cast<std::uint64_t>(m.model_.values().size()));
    w.put_array(m.model_.class_ids());
    w.put_array(m.model_.values());
    w.put_array(m.model_.bias());
    return std::move(w.bytes());
  }

  static Result<IntentClassifier> decode(std::string_view payload, std::uint32_t version,
                                         std::string_view name) {
    Reader r(payload);
    FeatureConfig fc;
    NormalizeOptions no;
    std::uint8_t uni = 0, bi = 0, fold = 0;
    if (!r.get(fc.char_min_n) || !r.get(fc.char_max_n) || !r.get(fc.joined_min_n) ||
        !r.get(fc.joined_max_n) || !r.get(fc.jamo_min_n) || !r.get(fc.jamo_max_n) || !r.get(uni) ||
        !r.get(bi) || !r.get(fc.char_weight) || !r.get(fc.word_weight) ||
        !r.get(fc.bigram_weight) || !r.get(fc.jamo_weight) || !r.get(fold) ||
        !r.get(no.max_letter_repeat) || !r.get(no.max_symbol_repeat)) {
      return bad_model(name, "configuration cut short");
    }
    if (fc.char_min_n < 1 || fc.char_max_n > 16 || fc.joined_max_n > 16 || fc.joined_min_n < 0 ||
        fc.jamo_min_n < 1 || fc.jamo_max_n > 16) {
      return bad_model(name, "feature configuration out of range");
    }
    for (const float fw : {fc.char_weight, fc.word_weight, fc.bigram_weight, fc.jamo_weight}) {
      if (!std::isfinite(fw) || fw < 0.0f) return bad_model(name, "feature weights");
    }
    fc.word_unigrams = uni != 0;
    fc.word_bigrams = bi != 0;
    no.casefold = fold != 0;

    IntentClassifier m;
    std::uint32_t n_labels = 0;
    if (!r.get(n_labels) || n_labels < 2 || n_labels > 65535) return bad_model(name, "label count");
    m.labels_.resize(n_labels);
    for (auto& l : m.labels_) {
      if (!r.get_string(l) || l.empty() || l.size() > 1000) return bad_model(name, "label text");
    }
    if (!r.get(m.oos_index_) || m.oos_index_ < -1 ||
        m.oos_index_ >= static_cast<std::int32_t>(n_labels)) {
      return bad_model(name, "out_of_scope index");
    }
    if (!r.get(m.temperature_) || !finite_positive(m.temperature_)) {
      return bad_model(name, "temperature");
    }
    std::uint32_t n_thresholds = 0;
    if (!r.get(m.thresholds_.default_threshold) ||
        !is_probability(m.thresholds_.default_threshold) || !r.get(n_thresholds)) {
      return bad_model(name, "thresholds");
    }
    for (std::uint32_t i = 0; i < n_thresholds; ++i) {
      std::string k;
      float v = 0;
      if (!r.get_string(k) || !r.get(v) || !is_probability(v)) return bad_model(name, "thresholds");
      m.thresholds_.per_intent[k] = v;
    }
    TrainingReport& rep = m.report_;
    if (!r.get(rep.examples) || !r.get(rep.features) || !r.get(rep.weights) ||
        !r.get(rep.heldout_accuracy) || !r.get(rep.ece_before) || !r.get(rep.ece_after) ||
        !r.get(rep.fitted_threshold) || !r.get(rep.data_fingerprint) || !r.get(rep.seed)) {
      return bad_model(name, "training report cut short");
    }
    std::uint64_t n_keys = 0;
    std::vector<std::uint64_t> keys;
    std::vector<float> idf;
    float unknown_idf = 0;
    if (!r.get(n_keys) || !r.get_array(keys, n_keys) || !r.get_array(idf, n_keys) ||
        !r.get(unknown_idf) || !std::isfinite(unknown_idf) || unknown_idf < 0.0f) {
      return bad_model(name, "vocabulary");
    }
    auto all_finite = [](const std::vector<float>& v) {
      for (const float x : v) {
        if (!std::isfinite(x)) return false;
      }
      return true;
    };
    std::uint8_t kind = 0;
    if (!r.get(kind) || kind > static_cast<std::uint8_t>(ModelKind::kMlp)) {
      return bad_model(name, "model kind");
    }
    m.kind_ = static_cast<ModelKind>(kind);
    if (m.kind_ == ModelKind::kMlp) {
      std::uint32_t hidden = 0, classes = 0;
      std::vector<float> w1, b1, w2, b2;
      if (!r.get(hidden) || hidden == 0 || hidden > 65536 ||
          !get_first_layer(r, version, n_keys * std::uint64_t{hidden}, w1) ||
          !r.get_array(b1, hidden) || !r.get(classes) || classes != n_labels ||
          !r.get_array(w2, std::uint64_t{hidden} * classes) || !r.get_array(b2, classes)) {
        return bad_model(name, "network weights");
      }
      if (!r.done()) return bad_model(name, "unexpected bytes after the weights");
      if (!all_finite(idf) || !all_finite(w1) || !all_finite(b1) || !all_finite(w2) ||
          !all_finite(b2)) {
        return bad_model(name, "non-finite numbers in the weights");
      }
      if (n_keys > 0xFFFFFFFFu ||
          !m.mlp_.assign(static_cast<std::uint32_t>(n_keys), hidden, classes, std::move(w1),
                         std::move(b1), std::move(w2), std::move(b2))) {
        return bad_model(name, "inconsistent weight arrays");
      }
      m.vectorizer_ =
          Vectorizer(fc, no, FeatureVocabulary(std::move(keys)), std::move(idf), unknown_idf);
      return m;
    }
    std::uint32_t classes = 0;
    std::vector<std::uint32_t> offsets;
    std::uint64_t nnz = 0;
    std::vector<std::uint16_t> class_ids;
    std::vector<float> values, bias;
    if (!r.get(classes) || classes != n_labels || !r.get_array(offsets, n_keys + 1) ||
        !r.get(nnz) || !r.get_array(class_ids, nnz) || !r.get_array(values, nnz) ||
        !r.get_array(bias, classes)) {
      return bad_model(name, "weights");
    }
    if (!r.done()) return bad_model(name, "unexpected bytes after the weights");
    if (!all_finite(idf) || !all_finite(values) || !all_finite(bias)) {
      return bad_model(name, "non-finite numbers in the weights");
    }
    if (!m.model_.assign(classes, std::move(offsets), std::move(class_ids), std::move(values),
                         std::move(bias))) {
      return bad_model(name, "inconsistent weight arrays");
    }
    m.vectorizer_ =
        Vectorizer(fc, no, FeatureVocabulary(std::move(keys)), std::move(idf), unknown_idf);
    return m;
  }
};

std::string IntentClassifier::serialize() const {
  const std::string payload = ModelCodec::encode(*this);
  Writer w;
  w.bytes().append(kMagic.data(), kMagic.size());
  w.put(kFormatVersion);
  w.put<std::uint32_t>(0);
  w.put(static_cast<std::uint64_t>(payload.size()));
  w.put(crc32(payload));
  w.put<std::uint32_t>(0);
  w.bytes() += payload;
  return std::move(w.bytes());
}

Result<IntentClassifier> IntentClassifier::deserialize(std::string_view bytes,
                                                       std::string_view name) {
  if (bytes.size() < kHeaderSize) {
    return bad_model(name, "truncated: " + std::to_string(bytes.size()) +
                               " bytes, shorter than the 32-byte header");
  }
  if (std::memcmp(bytes.data(), kMagic.data(), kMagic.size()) != 0) {
    return bad_model(name, "bad magic (not an AICC intent model file)");
  }
  Reader header(bytes.substr(kMagic.size(), kHeaderSize - kMagic.size()));
  std::uint32_t version = 0, flags = 0, crc = 0, reserved = 0;
  std::uint64_t length = 0;
  header.get(version);
  header.get(flags);
  header.get(length);
  header.get(crc);
  header.get(reserved);
  if (version < kOldestReadableVersion || version > kFormatVersion) {
    return make_error(ErrorCode::kFailedPrecondition,
                      std::string(name) + ": model format version " + std::to_string(version) +
                          ", this build reads versions " + std::to_string(kOldestReadableVersion) +
                          " to " + std::to_string(kFormatVersion) +
                          "; retrain it with `aicc nlu train`",
                      {{"file", std::string(name)}, {"version", std::to_string(version)}});
  }
  const std::string_view payload = bytes.substr(kHeaderSize);
  if (length != payload.size()) {
    return bad_model(name, payload.size() < length ? "truncated: payload shorter than declared"
                                                   : "unexpected bytes after the payload");
  }
  if (crc32(payload) != crc) return bad_model(name, "checksum mismatch (the file is corrupt)");
  return ModelCodec::decode(payload, version, name);
}

Result<IntentClassifier> IntentClassifier::load(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return make_error(ErrorCode::kNotFound, "no model file at " + path.string(),
                      {{"file", path.string()}});
  }
  // One read into a buffer of the file's size: a stream copy grows its buffer by doubling and
  // copies the bytes again, which showed in the load time of 16–31 MB MLP files.
  const auto size = std::filesystem::file_size(path, ec);
  std::string bytes;
  if (!ec) {
    bytes.resize(static_cast<std::size_t>(size));
    std::ifstream in(path, std::ios::binary);
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!in) ec = std::make_error_code(std::errc::io_error);
  }
  if (ec) {
    return make_error(ErrorCode::kUnavailable,
                      "cannot read model file " + path.string() + ": " + ec.message(),
                      {{"file", path.string()}});
  }
  return deserialize(bytes, path.string());
}

Status IntentClassifier::save(const std::filesystem::path& path) const {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  const std::filesystem::path tmp = path.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    const std::string bytes = serialize();
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(tmp, ec);
      return make_error(ErrorCode::kUnavailable, "cannot write model file " + path.string(),
                        {{"file", path.string()}});
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return make_error(ErrorCode::kUnavailable,
                      "cannot move model file into place at " + path.string() + ": " + ec.message(),
                      {{"file", path.string()}});
  }
  return {};
}

}  // namespace aicc::nlu
