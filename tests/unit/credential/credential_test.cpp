#include "credential/credential.h"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <string>
#include <tuple>

#include "core/civil_time.h"

namespace sportello {
namespace {

using namespace std::chrono;
using State = CredentialState;

Instant utc(int y, unsigned m, unsigned d, int h = 0, int min = 0, int s = 0) {
  return Instant{sys_days{year{y} / month{m} / day{d}}} + hours{h} + minutes{min} + seconds{s};
}

const CredentialPolicy kPolicy{};  // 90 days to activate, change every 3 months
const Instant kIssuedAt = utc(2026, 1, 10, 9);
const Instant kSoon = kIssuedAt + Days{1};   // well inside the activation window
const Instant kLate = kIssuedAt + Days{91};  // past it

// A credential in `state` as it would be after the usual history, with every field filled in.
Credential in_state(State state, Level level = Level::ordinario) {
  Credential c;
  c.id = 7;
  c.citizen_id = 42;
  c.state = state;
  c.level = level;
  c.channel = IssueChannel::online;
  c.generation = 2;
  c.pin_hash = "old-hash";
  c.issued_at = kIssuedAt;
  if (state == State::awaiting_confirmation || state == State::awaiting_activation) c.pending_half_sealed = "sealed";
  if (state == State::active) c.pin_changed_at = kIssuedAt + Hours{1};
  if (state == State::revoked || state == State::cancelled) c.ended_at = kIssuedAt + Hours{2};
  return c;
}

auto fields(const Credential& c) {
  return std::make_tuple(c.id, c.citizen_id, c.state, c.level, c.channel, c.generation, c.pin_hash,
                         c.pending_half_sealed, c.issued_at, c.pin_changed_at, c.ended_at);
}

enum class Op { confirm, reject, activate, set_pin, renew, restore, revoke, convert, reissue };
constexpr std::array<Op, 9> kOps{Op::confirm, Op::reject,  Op::activate, Op::set_pin, Op::renew,
                                 Op::restore, Op::revoke, Op::convert,  Op::reissue};
constexpr std::array<const char*, 9> kOpNames{"confirm_data", "reject_data", "activate",
                                              "set_personal_pin", "renew", "restore",
                                              "revoke", "convert_to_dispositivo", "reissue"};

// Each operation at a time when the PIN is not expired, except renew, which needs an expired PIN.
Status apply(Credential& c, Op op) {
  switch (op) {
    case Op::confirm: return c.confirm_data(kSoon, kPolicy);
    case Op::reject: return c.reject_data(kSoon);
    case Op::activate: return c.activate(kSoon, kPolicy);
    case Op::set_pin: return c.set_personal_pin("new-hash", kSoon, kPolicy);
    case Op::renew: return c.renew("new-hash", kLate, kPolicy);
    case Op::restore: return c.restore("new-hash", kSoon);
    case Op::revoke: return c.revoke(kSoon);
    case Op::convert: return c.convert_to_dispositivo();
    case Op::reissue: return c.reissue(IssueChannel::online, Level::ordinario, "new-hash", kSoon);
  }
  return Ok{};
}

TEST(Credential, TransitionTableAllowsOnlyTheLegalMovesAndRefusalsChangeNothing) {
  constexpr std::optional<State> no;
  constexpr State conf = State::awaiting_confirmation, act = State::awaiting_activation, iss = State::issued,
                  live = State::active, rev = State::revoked, can = State::cancelled;
  struct Row {
    State from;
    std::array<std::optional<State>, 9> to;  // per operation, in kOps order; no = refused
  };
  const Row table[] = {
      //      confirm reject activate set_pin renew restore revoke convert reissue
      {conf, {iss,    can,   no,      no,     no,   no,     rev,   no,     no}},
      {act,  {no,     no,    iss,     no,     no,   no,     rev,   no,     no}},
      {iss,  {no,     no,    no,      live,   iss,  iss,    rev,   iss,    no}},
      {live, {no,     no,    no,      live,   no,   iss,    rev,   live,   no}},
      {rev,  {no,     no,    no,      no,     no,   no,     no,    no,     conf}},
      {can,  {no,     no,    no,      no,     no,   no,     no,    no,     conf}},
  };
  for (const Row& row : table) {
    for (std::size_t i = 0; i < kOps.size(); ++i) {
      Credential c = in_state(row.from);
      const auto before = fields(c);
      const Status status = apply(c, kOps[i]);
      const std::string where = std::string(to_string(row.from)) + " × " + kOpNames[i];
      if (row.to[i]) {
        EXPECT_TRUE(status.ok()) << where << ": " << status.error().code;
        EXPECT_EQ(c.state, *row.to[i]) << where << " led to " << to_string(c.state);
      } else {
        ASSERT_FALSE(status.ok()) << where << " was allowed and led to " << to_string(c.state);
        EXPECT_EQ(status.error().kind, ErrorKind::illegal_transition) << where << ": " << status.error().code;
        EXPECT_EQ(status.error().code, "illegal-transition") << where;
        EXPECT_NE(status.error().message.find(to_string(row.from)), std::string::npos) << status.error().message;
        EXPECT_TRUE(fields(c) == before) << where << " changed the credential";
      }
    }
  }
}

TEST(Credential, ConvertingADispositivoPinIsAConflictAndChangesNothing) {
  for (State state : {State::issued, State::active}) {
    Credential c = in_state(state, Level::dispositivo);
    const auto before = fields(c);
    const Status status = c.convert_to_dispositivo();
    ASSERT_FALSE(status.ok()) << to_string(state);
    EXPECT_EQ(status.error().kind, ErrorKind::conflict);
    EXPECT_EQ(status.error().code, "already-dispositivo");
    EXPECT_TRUE(fields(c) == before) << to_string(state);
  }
}

TEST(Credential, ConversionRaisesOnlyTheLevel) {
  Credential c = in_state(State::active);
  ASSERT_TRUE(c.convert_to_dispositivo().ok());
  Credential expected = in_state(State::active);
  expected.level = Level::dispositivo;
  EXPECT_TRUE(fields(c) == fields(expected));
}

TEST(Credential, ExpiredPinsRefuseTheStepsThatWouldUseThemAndChangeNothing) {
  struct Case {
    const char* name;
    State from;
    Status (*run)(Credential&);
  };
  const Case cases[] = {
      {"confirm_data", State::awaiting_confirmation, [](Credential& c) { return c.confirm_data(kLate, kPolicy); }},
      {"activate", State::awaiting_activation, [](Credential& c) { return c.activate(kLate, kPolicy); }},
      {"set_personal_pin", State::issued, [](Credential& c) { return c.set_personal_pin("h", kLate, kPolicy); }},
  };
  for (const auto& c : cases) {
    Credential credential = in_state(c.from);
    const auto before = fields(credential);
    const Status status = c.run(credential);
    ASSERT_FALSE(status.ok()) << c.name;
    EXPECT_EQ(status.error().kind, ErrorKind::expired) << c.name;
    EXPECT_EQ(status.error().code, "pin-expired") << c.name;
    EXPECT_TRUE(fields(credential) == before) << c.name;
  }
}

TEST(Credential, IssueChoosesTheFirstStateByChannel) {
  struct Case {
    IssueChannel channel;
    State state;
  };
  const Case cases[] = {
      {IssueChannel::online, State::awaiting_confirmation}, {IssueChannel::phone, State::awaiting_activation},
      {IssueChannel::office, State::issued},                {IssueChannel::recovery, State::issued},
      {IssueChannel::renewal, State::issued},
  };
  for (const auto& c : cases) {
    const Credential credential = Credential::issue(42, c.channel, Level::dispositivo, "hash", kIssuedAt);
    EXPECT_EQ(credential.state, c.state) << to_string(c.channel);
    EXPECT_EQ(credential.channel, c.channel);
    EXPECT_EQ(credential.citizen_id, 42);
    EXPECT_EQ(credential.level, Level::dispositivo);
    EXPECT_EQ(credential.pin_hash, "hash");
    EXPECT_EQ(credential.issued_at, kIssuedAt);
    EXPECT_EQ(credential.generation, 1);
    EXPECT_FALSE(credential.pin_changed_at || credential.ended_at) << to_string(c.channel);
  }
}

TEST(Credential, AnUnusedPinExpiresExactlyNinetyDaysAfterIssueAndAnActiveOneNever) {
  struct Case {
    State state;
    Seconds after_issue;
    bool expired;
  };
  const Seconds window = Days{90};
  const Case cases[] = {
      {State::awaiting_confirmation, window - Seconds{1}, false}, {State::awaiting_confirmation, window, true},
      {State::awaiting_activation, window - Seconds{1}, false},   {State::awaiting_activation, window, true},
      {State::issued, Seconds{0}, false},                         {State::issued, window - Seconds{1}, false},
      {State::issued, window, true},                              {State::issued, Days{400}, true},
      {State::active, window, false},                             {State::active, Days{3650}, false},
  };
  for (const auto& c : cases) {
    const Credential credential = in_state(c.state);
    EXPECT_EQ(credential.expired(kIssuedAt + c.after_issue, kPolicy), c.expired)
        << to_string(c.state) << " after " << c.after_issue.count() << "s";
  }
  EXPECT_EQ(in_state(State::issued).expires_at(kPolicy), kIssuedAt + window);
}

TEST(Credential, LoginAsksForWhatIsDueOrSaysWhyItCannot) {
  // Personal PIN set on 31 January 2026 at 10:00 Rome (09:00 UTC): the change is due on 30 April at 10:00
  // Rome, which is 08:00 UTC because of summer time.
  const Instant changed = utc(2026, 1, 31, 9);
  struct Case {
    const char* name;
    State state;
    Instant now;
    std::optional<RequiredAction> action;  // nullopt: refused with `code`
    const char* code;
    ErrorKind kind;
  };
  const Case cases[] = {
      {"issued, first access", State::issued, kSoon, RequiredAction::set_pin, "", {}},
      {"issued, 90 days unused", State::issued, kIssuedAt + Days{90}, std::nullopt, "pin-expired", ErrorKind::expired},
      {"active, fresh", State::active, changed + Days{1}, RequiredAction::none, "", {}},
      {"active, a second before due", State::active, utc(2026, 4, 30, 7, 59, 59), RequiredAction::none, "", {}},
      {"active, due (30 April, Rome time)", State::active, utc(2026, 4, 30, 8), RequiredAction::change_pin, "", {}},
      {"active, long overdue", State::active, utc(2027, 1, 1), RequiredAction::change_pin, "", {}},
      {"revoked", State::revoked, kSoon, std::nullopt, "pin-revoked", ErrorKind::forbidden},
      {"cancelled", State::cancelled, kSoon, std::nullopt, "pin-cancelled", ErrorKind::forbidden},
      {"awaiting confirmation", State::awaiting_confirmation, kSoon, std::nullopt, "pin-not-active",
       ErrorKind::forbidden},
      {"awaiting activation", State::awaiting_activation, kSoon, std::nullopt, "pin-not-active", ErrorKind::forbidden},
      {"awaiting activation, 90 days unused", State::awaiting_activation, kLate, std::nullopt, "pin-expired",
       ErrorKind::expired},
  };
  for (const auto& c : cases) {
    Credential credential = in_state(c.state);
    if (c.state == State::active) credential.pin_changed_at = changed;
    const auto result = credential.check_can_log_in(c.now, kPolicy);
    if (c.action) {
      ASSERT_TRUE(result.ok()) << c.name << ": " << result.error().code;
      EXPECT_EQ(result.value(), *c.action) << c.name << ": " << to_string(result.value());
    } else {
      ASSERT_FALSE(result.ok()) << c.name << ": " << to_string(result.value());
      EXPECT_EQ(result.error().code, c.code) << c.name;
      EXPECT_EQ(result.error().kind, c.kind) << c.name;
    }
  }
}

TEST(Credential, ChangeIsDueThreeCalendarMonthsAfterTheLastChangeInRomeTime) {
  struct Case {
    Instant changed;
    Instant due;
  };
  const Case cases[] = {
      {utc(2026, 1, 31, 9), utc(2026, 4, 30, 8)},       // 31 Jan 10:00 → 30 Apr 10:00 Rome
      {utc(2026, 11, 30, 9), utc(2027, 2, 28, 9)},      // 30 Nov → 28 Feb
      {utc(2026, 7, 15, 8), utc(2026, 10, 15, 8)},      // summer to summer
      {utc(2026, 8, 31, 22, 30), utc(2026, 11, 30, 23, 30)},  // 1 Sep 00:30 Rome → 1 Dec 00:30 Rome
  };
  for (const auto& c : cases) {
    Credential credential = in_state(State::active);
    credential.pin_changed_at = c.changed;
    EXPECT_EQ(credential.change_due_at(kPolicy), c.due) << format_utc_iso(c.changed);
  }
  EXPECT_FALSE(in_state(State::issued).change_due_at(kPolicy).has_value());
}

TEST(Credential, SettingThePersonalPinRecordsItsHashAndTime) {
  for (State state : {State::issued, State::active}) {
    Credential c = in_state(state);
    ASSERT_TRUE(c.set_personal_pin("personal-hash", kSoon, kPolicy).ok()) << to_string(state);
    EXPECT_EQ(c.state, State::active);
    EXPECT_EQ(c.pin_hash, "personal-hash");
    EXPECT_EQ(c.pin_changed_at, kSoon);
    EXPECT_EQ(c.generation, 2) << "a personal PIN is not a new issued PIN";
  }
}

TEST(Credential, RenewOnlyAnIssuedPinThatHasExpired) {
  struct Case {
    Seconds after_issue;
    bool allowed;
  };
  const Case cases[] = {{Days{1}, false}, {Days{90} - Seconds{1}, false}, {Days{90}, true}, {Days{365}, true}};
  for (const auto& c : cases) {
    Credential credential = in_state(State::issued);
    const auto before = fields(credential);
    const Instant now = kIssuedAt + c.after_issue;
    const Status status = credential.renew("renewed-hash", now, kPolicy);
    ASSERT_EQ(status.ok(), c.allowed) << c.after_issue.count() << "s";
    if (c.allowed) {
      EXPECT_EQ(credential.state, State::issued);
      EXPECT_EQ(credential.pin_hash, "renewed-hash");
      EXPECT_EQ(credential.issued_at, now);
      EXPECT_EQ(credential.channel, IssueChannel::renewal);
      EXPECT_EQ(credential.generation, 3);
      EXPECT_FALSE(credential.expired(now, kPolicy));
    } else {
      EXPECT_EQ(status.error().kind, ErrorKind::illegal_transition);
      EXPECT_TRUE(fields(credential) == before);
    }
  }
}

TEST(Credential, RestoreKeepsTheLevelAndStartsANewGeneration) {
  for (State state : {State::issued, State::active}) {
    for (Level level : {Level::ordinario, Level::dispositivo}) {
      Credential c = in_state(state, level);
      ASSERT_TRUE(c.restore("restored-hash", kSoon).ok()) << to_string(state) << " " << to_string(level);
      EXPECT_EQ(c.state, State::issued);
      EXPECT_EQ(c.level, level) << to_string(state);
      EXPECT_EQ(c.generation, 3);
      EXPECT_EQ(c.pin_hash, "restored-hash");
      EXPECT_EQ(c.issued_at, kSoon);
      EXPECT_EQ(c.channel, IssueChannel::recovery);
      EXPECT_FALSE(c.pin_changed_at.has_value());
      EXPECT_EQ(c.id, 7);
    }
  }
}

TEST(Credential, EndingACredentialRecordsWhenAndDropsThePendingHalf) {
  struct Case {
    State from;
    Status (*run)(Credential&);
    State to;
  };
  const Case cases[] = {
      {State::awaiting_confirmation, [](Credential& c) { return c.reject_data(kSoon); }, State::cancelled},
      {State::awaiting_confirmation, [](Credential& c) { return c.revoke(kSoon); }, State::revoked},
      {State::awaiting_activation, [](Credential& c) { return c.revoke(kSoon); }, State::revoked},
      {State::active, [](Credential& c) { return c.revoke(kSoon); }, State::revoked},
  };
  for (const auto& c : cases) {
    Credential credential = in_state(c.from);
    ASSERT_TRUE(c.run(credential).ok()) << to_string(c.from);
    EXPECT_EQ(credential.state, c.to);
    EXPECT_EQ(credential.ended_at, kSoon);
    EXPECT_TRUE(credential.pending_half_sealed.empty()) << to_string(c.from);
    EXPECT_FALSE(credential.live());
  }
}

TEST(Credential, ConfirmAndActivateKeepThePendingHalfForTheLetter) {
  Credential online = in_state(State::awaiting_confirmation);
  ASSERT_TRUE(online.confirm_data(kSoon, kPolicy).ok());
  EXPECT_EQ(online.pending_half_sealed, "sealed");
  Credential phone = in_state(State::awaiting_activation);
  ASSERT_TRUE(phone.activate(kSoon, kPolicy).ok());
  EXPECT_EQ(phone.pending_half_sealed, "sealed");
}

TEST(Credential, ReissueKeepsTheRowAndStartsAFreshRequest) {
  struct Case {
    State from;
    IssueChannel channel;
    Level level;
    State to;
  };
  const Case cases[] = {
      {State::revoked, IssueChannel::online, Level::ordinario, State::awaiting_confirmation},
      {State::revoked, IssueChannel::office, Level::dispositivo, State::issued},
      {State::cancelled, IssueChannel::phone, Level::ordinario, State::awaiting_activation},
  };
  for (const auto& c : cases) {
    Credential credential = in_state(c.from, Level::dispositivo);
    credential.pin_changed_at = kIssuedAt;
    ASSERT_TRUE(credential.reissue(c.channel, c.level, "fresh-hash", kLate).ok()) << to_string(c.from);
    EXPECT_EQ(credential.id, 7);
    EXPECT_EQ(credential.citizen_id, 42);
    EXPECT_EQ(credential.generation, 3);
    EXPECT_EQ(credential.state, c.to) << to_string(c.channel);
    EXPECT_EQ(credential.channel, c.channel);
    EXPECT_EQ(credential.level, c.level);
    EXPECT_EQ(credential.pin_hash, "fresh-hash");
    EXPECT_EQ(credential.issued_at, kLate);
    EXPECT_FALSE(credential.ended_at || credential.pin_changed_at);
    EXPECT_TRUE(credential.live());
  }
}

TEST(Credential, EnumNamesRoundTrip) {
  for (State s : {State::awaiting_confirmation, State::awaiting_activation, State::issued, State::active,
                  State::revoked, State::cancelled})
    EXPECT_EQ(parse_credential_state(to_string(s)), s) << to_string(s);
  for (IssueChannel ch : {IssueChannel::online, IssueChannel::phone, IssueChannel::office, IssueChannel::recovery,
                          IssueChannel::renewal})
    EXPECT_EQ(parse_issue_channel(to_string(ch)), ch) << to_string(ch);
  for (RequiredAction a : {RequiredAction::none, RequiredAction::set_pin, RequiredAction::change_pin})
    EXPECT_EQ(parse_required_action(to_string(a)), a) << to_string(a);
  EXPECT_FALSE(parse_credential_state("expired").has_value());
  EXPECT_FALSE(parse_issue_channel("").has_value());
  EXPECT_FALSE(parse_required_action("Set_Pin").has_value());
}

}  // namespace
}  // namespace sportello
