// Parameters of the BM25 ranking function (Robertson et al.), as Xapian's BM25Weight takes them.
#pragma once

namespace aicc::faq {

struct Bm25Params {
  double k1 = 1.2;  // term-frequency saturation: how much a repeated term still adds
  double b = 0.5;   // document-length normalisation (0: none, 1: full)
};

}  // namespace aicc::faq
