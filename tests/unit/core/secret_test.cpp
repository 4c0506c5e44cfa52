#include "core/secret.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <type_traits>
#include <utility>

namespace sportello {
namespace {

template <typename T, typename = void>
struct Streamable : std::false_type {};
template <typename T>
struct Streamable<T, std::void_t<decltype(std::declval<std::ostream&>() << std::declval<const T&>())>>
    : std::true_type {};

TEST(Secret, CannotBeCopiedConvertedOrPrinted) {
  static_assert(!std::is_copy_constructible_v<Secret>);
  static_assert(!std::is_copy_assignable_v<Secret>);
  static_assert(std::is_nothrow_move_constructible_v<Secret>);
  static_assert(std::is_nothrow_move_assignable_v<Secret>);
  static_assert(!std::is_convertible_v<Secret, std::string>);
  static_assert(!std::is_convertible_v<Secret, std::string_view>);
  static_assert(!std::is_convertible_v<std::string_view, Secret>);  // wrapping is explicit
  static_assert(!Streamable<Secret>::value);
  static_assert(Streamable<int>::value);  // the detector works
}

TEST(Secret, RevealsWhatItHolds) {
  const Secret s("ABCD2345EFGH6789");
  EXPECT_EQ(s.reveal(), "ABCD2345EFGH6789");
  EXPECT_EQ(s.size(), 16u);
  EXPECT_FALSE(s.empty());
}

TEST(Secret, DefaultIsEmpty) {
  const Secret s;
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.reveal(), "");
  EXPECT_TRUE(s.equals(""));
}

TEST(Secret, EqualsComparesContentAndLength) {
  struct Case {
    const char* held;
    const char* other;
    bool equal;
  };
  const Case cases[] = {
      {"Pin12345", "Pin12345", true},   {"Pin12345", "Pin12346", false}, {"Pin12345", "pin12345", false},
      {"Pin12345", "Pin1234", false},   {"Pin12345", "Pin123456", false}, {"", "", true},
      {"", "x", false},                 {"x", "", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Secret(c.held).equals(c.other), c.equal) << c.held << " vs " << c.other;
    EXPECT_EQ(Secret(c.held).equals(Secret(c.other)), c.equal) << c.held << " vs " << c.other;
  }
}

TEST(Secret, CloneIsAnIndependentEqualCopy) {
  Secret original("token-value");
  Secret copy = original.clone();
  EXPECT_TRUE(copy.equals(original));
  EXPECT_NE(copy.reveal().data(), original.reveal().data());
  original = Secret("other");
  EXPECT_EQ(copy.reveal(), "token-value");
}

TEST(Secret, MoveLeavesTheSourceEmpty) {
  Secret source("Pin12345");
  const char* bytes = source.reveal().data();
  Secret target(std::move(source));
  EXPECT_TRUE(source.empty());  // NOLINT(bugprone-use-after-move): the rule under test
  EXPECT_EQ(source.reveal(), "");
  EXPECT_EQ(target.reveal(), "Pin12345");
  EXPECT_EQ(target.reveal().data(), bytes);  // handed over, not duplicated
}

TEST(Secret, MoveAssignmentLeavesTheSourceEmptyAndReplacesTheTarget) {
  Secret source("new-secret");
  Secret target("old-secret");
  target = std::move(source);
  EXPECT_TRUE(source.empty());  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(target.reveal(), "new-secret");
}

TEST(Secret, TakeWipesTheSourceString) {
  std::string typed = "Pin12345";
  Secret s = Secret::take(typed);
  EXPECT_TRUE(typed.empty());
  EXPECT_EQ(s.reveal(), "Pin12345");
}

}  // namespace
}  // namespace sportello
