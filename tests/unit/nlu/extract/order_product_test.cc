// Order numbers, products, overlap resolution, options and whole-message behaviour.
#include "entity_test_util.h"

namespace aicc::nlu {
namespace {

using testing::expect_none;
using testing::expect_one;
using testing::of_type;
using testing::seoul_time;

class OrderNumberTest : public ::testing::Test {
 protected:
  EntityExtractor ex_;
  ManualClock clock_{seoul_time(2025, 6, 14)};
  void order(std::string_view text, std::string_view surface, std::string_view value) {
    expect_one(ex_, clock_.now(), text, entity_type::kOrderNumber, surface, value);
  }
};

TEST_F(OrderNumberTest, DefaultPatternMatchesPrototypeStyleNumbers) {
  order("ORD-20240115-001 조회해 주세요", "ORD-20240115-001", "ORD-20240115-001");
  order("주문 ord20240115001 상태", "ord20240115001", "ORD20240115001");
  order("ORDER-20240115-0001", "ORDER-20240115-0001", "ORDER-20240115-0001");
  order("번호ＯＲＤ－２０２４０１１５－００１요", "ＯＲＤ－２０２４０１１５－００１",
        "ORD-20240115-001");
}

TEST_F(OrderNumberTest, CueWordsAcceptPlainNumbers) {
  order("주문번호는 20240115001이에요", "20240115001", "20240115001");
  order("주문 번호: A123456", "A123456", "A123456");
  order("주문번호 1234-5678", "1234-5678", "1234-5678");
  order("my order number is 98765432", "98765432", "98765432");
  order("Order #556677", "556677", "556677");
}

TEST_F(OrderNumberTest, AnOrderNumberIsNotAPhoneOrADate) {
  const auto all = ex_.extract("주문번호 01012345678 확인 부탁", clock_.now());
  ASSERT_EQ(all.size(), 1u) << entities_to_json(all);
  EXPECT_EQ(all[0].type, entity_type::kOrderNumber);
  const auto ord = ex_.extract("ORD-20240115-001", clock_.now());
  ASSERT_EQ(ord.size(), 1u) << entities_to_json(ord);
  EXPECT_EQ(ord[0].type, entity_type::kOrderNumber);
}

TEST_F(OrderNumberTest, NoCueNoPatternNoOrderNumber) {
  for (const char* text : {"12345678 입니다", "ABC-1234", "ORD-12", "kim123@example.com",
                           "주문번호를 잊어버렸어요", "주문번호 12"}) {
    expect_none(ex_, clock_.now(), text, entity_type::kOrderNumber);
  }
}

TEST_F(OrderNumberTest, PatternIsConfigurable) {
  EntityOptions options;
  options.order_number_pattern = R"(SO\d{6})";
  options.order_number_cues = {};
  const EntityExtractor custom(options);
  expect_one(custom, clock_.now(), "SO123456 배송", entity_type::kOrderNumber, "SO123456",
             "SO123456");
  expect_none(custom, clock_.now(), "ORD-20240115-001", entity_type::kOrderNumber);
  expect_none(custom, clock_.now(), "주문번호 20240115001", entity_type::kOrderNumber);
}

TEST(EntityOptionsTest, InvalidOptionsAreErrorsWithTheFieldNamed) {
  EntityOptions bad_regex;
  bad_regex.order_number_pattern = "ORD-(";
  const auto r1 = EntityExtractor::create(bad_regex);
  ASSERT_FALSE(r1.has_value());
  EXPECT_EQ(r1.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r1.error().details.at("field"), "order_number_pattern");
  EXPECT_THROW(EntityExtractor{bad_regex}, std::invalid_argument);

  EntityOptions bad_zone;
  bad_zone.timezone = "America/New_York";  // has DST: not a fixed offset
  const auto r2 = EntityExtractor::create(bad_zone);
  ASSERT_FALSE(r2.has_value());
  EXPECT_EQ(r2.error().details.at("field"), "timezone");
  for (const char* ok : {"Asia/Seoul", "UTC", "+09:00", "-0330"}) {
    EntityOptions o;
    o.timezone = ok;
    EXPECT_TRUE(EntityExtractor::create(o).has_value()) << ok;
  }
}

class ProductTest : public ::testing::Test {
 protected:
  ProductTest() : ex_(make_options()) {}
  static EntityOptions make_options() {
    EntityOptions o;
    o.product_gazetteer = {"갤럭시 S24|Galaxy S24|갤S24",
                           "갤럭시 S24 울트라|Galaxy S24 Ultra",
                           "아이폰 15|iPhone 15|아이폰15",
                           "에어팟 프로|AirPods Pro",
                           "무선 청소기",
                           "Pro"};
    return o;
  }
  EntityExtractor ex_;
  ManualClock clock_{seoul_time(2025, 6, 14)};
  void product(std::string_view text, std::string_view surface, std::string_view value) {
    expect_one(ex_, clock_.now(), text, entity_type::kProduct, surface, value);
  }
};

TEST_F(ProductTest, CaseAndSpacingInsensitiveWithSynonyms) {
  product("갤럭시 S24 재고 있나요?", "갤럭시 S24", "갤럭시 S24");
  product("갤럭시s24를 샀는데", "갤럭시s24", "갤럭시 S24");
  product("galaxy-s24 price", "galaxy-s24", "갤럭시 S24");
  product("갤S24 배터리", "갤S24", "갤럭시 S24");
  product("IPHONE 15 case", "IPHONE 15", "아이폰 15");
  product("아이폰15가 안 켜져요", "아이폰15", "아이폰 15");
  product("무선청소기 AS", "무선청소기", "무선 청소기");
  product("ＡｉｒＰｏｄｓ　Ｐｒｏ", "ＡｉｒＰｏｄｓ　Ｐｒｏ", "에어팟 프로");
}

TEST_F(ProductTest, LongestNameWinsAndWordsStayWhole) {
  product("갤럭시 S24 울트라 주문", "갤럭시 S24 울트라", "갤럭시 S24 울트라");
  product("Galaxy S24 Ultra", "Galaxy S24 Ultra", "갤럭시 S24 울트라");
  expect_none(ex_, clock_.now(), "product info", entity_type::kProduct);  // not "Pro" + "duct"
  expect_none(ex_, clock_.now(), "아이폰 14", entity_type::kProduct);
  product("I want the pro", "pro", "Pro");
}

TEST(GazetteerFileTest, LoadsEntriesSkippingCommentsAndBlanks) {
  const std::string path = ::testing::TempDir() + "/aicc_gazetteer_test.txt";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs("# products\n\n갤럭시 S24|Galaxy S24\r\n  아이폰 15  \n", f);
    std::fclose(f);
  }
  const auto entries = load_gazetteer_file(path);
  ASSERT_TRUE(entries.has_value());
  EXPECT_EQ(*entries, (std::vector<std::string>{"갤럭시 S24|Galaxy S24", "아이폰 15"}));
  std::remove(path.c_str());
  const auto missing = load_gazetteer_file(path + ".missing");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(WholeMessageTest, EveryTypeInOneMessageWithExactSpans) {
  EntityOptions o;
  o.product_gazetteer = {"에어팟 프로|AirPods Pro"};
  const EntityExtractor ex(o);
  const std::string text =
      "안녕하세요, 에어팟 프로 주문번호 ORD-20240115-001 건인데요 3만 5천원 결제했고 "
      "내일 오후 3시에 010-1234-5678로 연락 주세요. 메일 kim@example.com";
  const auto all = ex.extract(text, seoul_time(2025, 6, 14));
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& e : all) {
    got.emplace_back(e.type, text.substr(e.begin, e.end - e.begin));
    EXPECT_EQ(e.text, text.substr(e.begin, e.end - e.begin));
  }
  const std::vector<std::pair<std::string, std::string>> want{
      {"product", "에어팟 프로"},  {"order_number", "ORD-20240115-001"},
      {"money", "3만 5천원"},      {"date", "내일"},
      {"time", "오후 3시"},        {"phone", "010-1234-5678"},
      {"email", "kim@example.com"}};
  EXPECT_EQ(got, want);
}

TEST(WholeMessageTest, EmptyPlainAndHostileInputs) {
  const EntityExtractor ex;
  const auto now = seoul_time(2025, 6, 14);
  EXPECT_TRUE(ex.extract("", now).empty());
  EXPECT_TRUE(ex.extract("안녕하세요 상담원 연결해 주세요", now).empty());
  // Invalid UTF-8, lone continuation bytes, truncated sequences: no crash, no entity.
  const std::string junk("\xFF\xFE\x80\xE1\x84 \xED\x95", 8);
  EXPECT_TRUE(ex.extract(junk, now).empty());
  // Truncated multi-byte character right after a number.
  const std::string cut("3\xEB\xA7", 3);
  EXPECT_TRUE(ex.extract(cut, now).empty());
  // A long message of digits and separators stays linear and finds nothing odd.
  std::string dashed, spaced, units;
  for (int i = 0; i < 2000; ++i) {
    dashed += "12-";
    spaced += "12 ";
    units += "3만 ";
  }
  EXPECT_TRUE(ex.extract(dashed, now).empty());
  EXPECT_TRUE(of_type(ex.extract(spaced, now), entity_type::kPhone).empty());
  EXPECT_TRUE(ex.extract(units, now).empty());
}

TEST(WholeMessageTest, CopiesShareTheImmutableState) {
  EntityOptions o;
  o.product_gazetteer = {"아이폰 15"};
  const EntityExtractor a(o);
  const EntityExtractor b = a;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(a.extract("아이폰 15", seoul_time(2025, 6, 14)),
            b.extract("아이폰 15", seoul_time(2025, 6, 14)));
  EXPECT_EQ(b.options().product_gazetteer.size(), 1u);
}

}  // namespace
}  // namespace aicc::nlu
