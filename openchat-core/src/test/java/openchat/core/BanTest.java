package openchat.core;

import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** The administrator's bans: by name (every spelling) or by address and network, kept in a store. */
class BanTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    private Member<String> from(String name, String address) {
        try {
            return core.connect(name, null, InetAddress.getByName(address), name, RoomNames.LOBBY, -1)
                    .member();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBannedNameIsDisconnectedTheRoomIsToldAndItCannotComeBackInAnySpelling() throws Exception {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        from("Kim Min", "203.0.113.7");
        h.connect("bob");
        h.fanout.clear();

        Chat.BanResult result = core.ban(admin, "kim_min", null, "spam\nand more");

        assertThat(result.ban().kind()).isEqualTo(Ban.Kind.NAME);
        assertThat(result.ban().reason()).as("kept as one line").isEqualTo("spam and more");
        assertThat(result.disconnected()).containsExactly("Kim Min");
        assertThat(result.address()).as("for the administrator to ban too").isEqualTo("203.0.113.7");
        assertThat(h.fanout.described())
                .contains("Kim Min <- banned by 채팅관리자: spam and more then close")
                .anyMatch(d -> d.startsWith("bob <- left lobby Kim Min banned"));
        assertThat(core.member("Kim Min")).isEmpty();
        for (String spelling : new String[] {"Kim Min", "KIM.MIN", "kim_min"}) {
            Refusal refused = refusal(() -> from(spelling, "198.51.100.1"));
            assertThat(refused.reason()).isEqualTo(Reason.BANNED);
            assertThat(refused.subject()).isEqualTo("spam and more");
        }
        Member<String> bob = core.member("bob").orElseThrow();
        assertThat(refusal(() -> core.rename(bob, "Kim.Min")).reason()).isEqualTo(Reason.BANNED);
    }

    @Test
    void anAddressOrNetworkBanDisconnectsEveryoneFromItButTheAdministrator() throws Exception {
        Member<String> admin = core.connect(
                        Names.ADMINISTRATOR,
                        CoreHarness.ADMIN_KEY,
                        InetAddress.getByName("198.51.100.9"),
                        "admin",
                        RoomNames.LOBBY,
                        -1)
                .member();
        from("a", "198.51.100.20");
        from("b", "198.51.100.200");
        from("c", "192.0.2.1");

        Chat.BanResult result = core.ban(admin, "198.51.100.16/28", null, "");

        assertThat(result.ban().kind()).isEqualTo(Ban.Kind.ADDRESS);
        assertThat(result.ban().target()).isEqualTo("198.51.100.16/28");
        assertThat(result.disconnected()).containsExactly("a");
        assertThat(result.address()).isNull();
        assertThat(refusal(() -> from("new", "198.51.100.31")).reason()).isEqualTo(Reason.BANNED);
        from("ok", "198.51.100.32");

        core.ban(admin, "198.51.100.0/24", null, "all of it");
        assertThat(core.member("b")).isEmpty();
        assertThat(core.member("ok")).isEmpty();
        assertThat(core.member(Names.ADMINISTRATOR))
                .as("the administrator is never kept out")
                .isPresent();
        assertThat(core.member("c")).isPresent();

        core.ban(admin, "2001:DB8::1", null, "");
        assertThat(refusal(() -> from("v6", "2001:db8:0:0::1")).reason()).isEqualTo(Reason.BANNED);
        from("v6", "2001:db8::2");
    }

    @Test
    void anIpv6BanIsWrittenShortAsRfc5952Has() {
        Member<String> admin = h.admin(RoomNames.LOBBY);

        assertThat(core.ban(admin, "2001:DB8:0::1", null, "").ban().target()).isEqualTo("2001:db8::1");
        assertThat(core.ban(admin, "2001:db8:0:0:1:0:0:1", null, "").ban().target())
                .as("the first of two equal runs of zeros")
                .isEqualTo("2001:db8::1:0:0:1");
        assertThat(core.ban(admin, "2001:db8:0:1:1:1:1:1", null, "").ban().target())
                .as("one zero group is not shortened")
                .isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(core.ban(admin, "2001:0DB8:ABCD:0012::/48", null, "").ban().target())
                .isEqualTo("2001:db8:abcd::/48");
        assertThat(core.ban(admin, "0:0:0:0:0:0:0:1", null, "").ban().target()).isEqualTo("::1");
        assertThat(core.ban(admin, "fe80:0:0:0:0:0:0:0/64", null, "").ban().target())
                .isEqualTo("fe80::/64");
        assertThat(core.bans(admin))
                .extracting(Ban::target)
                .containsExactly(
                        "2001:db8::1",
                        "2001:db8::1:0:0:1",
                        "2001:db8:0:1:1:1:1:1",
                        "2001:db8:abcd::/48",
                        "::1",
                        "fe80::/64");
        assertThat(core.unban(admin, "2001:db8:0:0:0:0:0:1").target())
                .as("lifted by any spelling of the address")
                .isEqualTo("2001:db8::1");
    }

    @Test
    void anIpv6BanStoredInItsLongFormIsShownShortStillHoldsAndIsLiftedFromTheStore() {
        List<Ban> kept = new ArrayList<>();
        String longForm = "2001:db8:0:0:0:0:0:1";
        kept.add(new Ban(
                longForm,
                Ban.Kind.ADDRESS,
                longForm,
                Names.ADMINISTRATOR,
                java.time.OffsetDateTime.now(h.clock),
                "old",
                null));
        ChatCore<String> restarted = h.coreKeepingBansIn(keptIn(kept));
        Member<String> admin = restarted
                .connect(Names.ADMINISTRATOR, CoreHarness.ADMIN_KEY, CoreHarness.ORIGIN, "admin", RoomNames.LOBBY, -1)
                .member();

        assertThat(restarted.bans(admin)).extracting(Ban::target).containsExactly("2001:db8::1");
        assertThat(refusal(() -> restarted.connect("v6", null, address("2001:db8::1"), "v6", RoomNames.LOBBY, -1))
                        .subject())
                .isEqualTo("old");

        restarted.ban(admin, "2001:DB8::1", null, "new");

        assertThat(kept)
                .as("made again, the ban replaces its long form in the store")
                .extracting(Ban::target, Ban::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2001:db8::1", "new"));

        kept.set(
                0,
                new Ban(
                        longForm,
                        Ban.Kind.ADDRESS,
                        longForm,
                        Names.ADMINISTRATOR,
                        java.time.OffsetDateTime.now(h.clock),
                        "old",
                        null));
        ChatCore<String> again = h.coreKeepingBansIn(keptIn(kept));
        Member<String> admin2 = again.connect(
                        Names.ADMINISTRATOR, CoreHarness.ADMIN_KEY, CoreHarness.ORIGIN, "admin", RoomNames.LOBBY, -1)
                .member();
        assertThat(again.unban(admin2, "2001:db8::1").target()).isEqualTo("2001:db8::1");
        assertThat(kept).as("lifted, the long form is gone from the store").isEmpty();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void onlyTheAdministratorBansAndNeverItselfOrANonsenseAddress() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        Member<String> alice = h.connect("alice");

        assertThat(refusal(() -> core.ban(alice, "bob", null, "")).reason()).isEqualTo(Reason.ADMIN_ONLY);
        assertThat(refusal(() -> core.bans(alice)).reason()).isEqualTo(Reason.ADMIN_ONLY);
        assertThat(refusal(() -> core.unban(alice, "bob")).reason()).isEqualTo(Reason.ADMIN_ONLY);
        assertThat(refusal(() -> core.ban(admin, "채팅 관리자", null, "")).reason()).isEqualTo(Reason.ADMIN_NOT_BANNABLE);
        assertThat(refusal(() -> core.ban(admin, "300.1.2.3", null, "")).reason())
                .isEqualTo(Reason.INVALID_BAN);
        assertThat(refusal(() -> core.ban(admin, "10.0.0.0/33", null, "")).reason())
                .isEqualTo(Reason.INVALID_BAN);
        assertThat(refusal(() -> core.ban(admin, " alice", null, "")).reason()).isEqualTo(Reason.INVALID_NAME);
        assertThat(core.bans(admin)).isEmpty();
        assertThat(core.member("alice")).isPresent();
    }

    /**
     * A range wider than an IPv4 /8 or an IPv6 /32 is refused, with the shortest prefix allowed: {@code 0.0.0.0/0}, or
     * {@code 10.1.2.3/0} meant as {@code /32}, would put out everyone connected (trial 13 did, with one KLINE).
     */
    @Test
    void anAddressRangeWiderThanAnIpv4Slash8OrAnIpv6Slash32IsRefusedAndPutsOutNobody() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        h.connect("alice");
        for (String tooWide :
                List.of("0.0.0.0/0", "10.1.2.3/0", "127.0.0.0/1", "10.0.0.0/7", "::/0", "2001:db8::/31")) {
            Refusal refused = refusal(() -> core.ban(admin, tooWide, null, ""));
            assertThat(refused.reason()).as(tooWide).isEqualTo(Reason.BAN_TOO_WIDE);
            assertThat(refused.capacity()).as(tooWide).isEqualTo(tooWide.contains(":") ? 32 : 8);
        }
        assertThat(refusal(() -> core.ban(admin, "10.1.2.3/0", null, "")).subject())
                .as("the range as the ban would have kept it")
                .isEqualTo("0.0.0.0/0");
        assertThat(core.bans(admin)).isEmpty();
        assertThat(core.member("alice")).isPresent();
        assertThat(core.ban(admin, "10.0.0.0/8", null, "").ban().target()).isEqualTo("10.0.0.0/8");
        assertThat(core.ban(admin, "2001:db8::/32", null, "").ban().target()).isEqualTo("2001:db8::/32");
        assertThat(core.ban(admin, "10.*", null, "").ban().target())
                .as("10.* is 10.0.0.0/8")
                .isEqualTo("10.0.0.0/8");
    }

    @Test
    void liftingABanLetsThemBackAndAnUnknownOneIsRefused() throws Exception {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        core.ban(admin, "troll", null, "");
        core.ban(admin, "192.0.2.0/24", null, "");

        assertThat(core.unban(admin, "TROLL").target()).isEqualTo("troll");
        assertThat(core.unban(admin, "192.0.2.0/24").kind()).isEqualTo(Ban.Kind.ADDRESS);
        assertThat(refusal(() -> core.unban(admin, "troll")).reason()).isEqualTo(Reason.NOT_BANNED);
        from("troll", "192.0.2.5");
        assertThat(core.bans(admin)).isEmpty();
    }

    @Test
    void aTimedBanHoldsUntilItsEndThenLapsesFromTheListAndTheStoreAndTheListenerIsTold() throws Exception {
        List<String> lifted = new ArrayList<>();
        List<Ban> kept = new ArrayList<>();
        ChatCore<String> timed = new ChatCore<>(
                CoreHarness.CONFIG,
                h.fanout,
                new CoreListener() {
                    @Override
                    public void unbanned(Ban ban, String by) {
                        lifted.add(ban.target() + " by " + by);
                    }
                },
                h.history,
                h.clock,
                CoreHarness.ADMIN_KEY::equals,
                keptIn(kept));
        Member<String> admin = timed.connect(
                        Names.ADMINISTRATOR, CoreHarness.ADMIN_KEY, CoreHarness.ORIGIN, "admin", RoomNames.LOBBY, -1)
                .member();
        timed.connect("troll", null, CoreHarness.ORIGIN, "troll", RoomNames.LOBBY, -1);
        h.fanout.clear();

        Chat.BanResult result = timed.ban(admin, "troll", Duration.ofMinutes(30), "cool off");

        assertThat(result.ban().expires()).isEqualTo(result.ban().at().plusMinutes(30));
        assertThat(result.ban().lasting()).isEqualTo(Duration.ofMinutes(30));
        assertThat(h.fanout.deliveries())
                .anyMatch(d -> d.event() instanceof ChatEvent.Banned b
                        && b.expires().equals(result.ban().expires()));
        h.clock.advance(Duration.ofMinutes(20));
        Refusal refused = refusal(() -> timed.connect("troll", null, CoreHarness.ORIGIN, "t", RoomNames.LOBBY, -1));
        assertThat(refused.reason()).isEqualTo(Reason.BANNED);
        assertThat(refused.retryAfterSeconds()).as("what is left of it").isEqualTo(600);
        assertThat(timed.bans(admin)).hasSize(1);

        h.clock.advance(Duration.ofMinutes(10));

        assertThat(timed.bans(admin)).as("lapsed").isEmpty();
        assertThat(kept).as("dropped from the store").isEmpty();
        assertThat(lifted).containsExactly("troll by null");
        timed.connect("troll", null, CoreHarness.ORIGIN, "t", RoomNames.LOBBY, -1);
        assertThat(refusal(() -> timed.unban(admin, "troll")).reason()).isEqualTo(Reason.NOT_BANNED);
    }

    @Test
    void banningAgainReplacesTheEndAndAPermanentBanHasNone() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        core.ban(admin, "troll", Duration.ofHours(1), "");
        h.clock.advance(Duration.ofMinutes(59));

        core.ban(admin, "troll", null, "for good");
        h.clock.advance(Duration.ofHours(2));

        assertThat(core.bans(admin)).singleElement().satisfies(ban -> {
            assertThat(ban.isPermanent()).isTrue();
            assertThat(ban.reason()).isEqualTo("for good");
        });
        Refusal refused = refusal(() -> from("troll", "192.0.2.5"));
        assertThat(refused.retryAfterSeconds()).as("no end to wait for").isZero();
    }

    @Test
    void aMaskBansEveryNameItFitsInAnySpellingAndAnAddressEndingInStarsIsItsNetwork() throws Exception {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        from("Troll 1", "198.51.100.1");
        from("TROLL_2", "198.51.100.2");
        from("trolley", "198.51.100.3");
        from("alice", "203.0.113.9");

        Chat.BanResult masked = core.ban(admin, "troll?*", null, "");

        assertThat(masked.ban().kind()).isEqualTo(Ban.Kind.MASK);
        assertThat(masked.ban().target()).isEqualTo("troll?*");
        assertThat(masked.disconnected())
                .as("troll and one or more characters, as names compare")
                .containsExactlyInAnyOrder("Troll 1", "TROLL_2", "trolley");
        assertThat(refusal(() -> from("troll.3", "192.0.2.7")).reason()).isEqualTo(Reason.BANNED);
        from("troll", "192.0.2.8"); // ? needs a character

        Chat.BanResult network = core.ban(admin, "203.0.113.*", null, "");

        assertThat(network.ban().kind()).isEqualTo(Ban.Kind.ADDRESS);
        assertThat(network.ban().target()).isEqualTo("203.0.113.0/24");
        assertThat(network.disconnected()).containsExactly("alice");
        assertThat(core.ban(admin, "10.*", null, "").ban().target()).isEqualTo("10.0.0.0/8");

        for (String bad :
                new String[] {"*", "?*?", "*@*", "203.*.113.5", "2001:db8:*", "300.1.*", "x".repeat(40) + "*"}) {
            assertThat(refusal(() -> core.ban(admin, bad, null, "")).reason())
                    .as(bad)
                    .isEqualTo(Reason.INVALID_BAN);
        }
        assertThat(core.unban(admin, "TROLL?*").kind())
                .as("lifted as any spelling")
                .isEqualTo(Ban.Kind.MASK);
        from("troll.3", "192.0.2.7");
        assertThat(core.unban(admin, "203.0.113.*").target()).isEqualTo("203.0.113.0/24");
    }

    @Test
    void aBanDurationIsReadAsIrcOperatorsWriteOne() {
        assertThat(BanDuration.parse("30m")).contains(Duration.ofMinutes(30));
        assertThat(BanDuration.parse("1h30M")).contains(Duration.ofMinutes(90));
        assertThat(BanDuration.parse("1y2w3d4h5m6s"))
                .contains(Duration.ofDays(365 + 14 + 3)
                        .plusHours(4)
                        .plusMinutes(5)
                        .plusSeconds(6));
        assertThat(BanDuration.parse("3600")).contains(Duration.ofHours(1));
        assertThat(BanDuration.parse("0")).as("permanent").isEmpty();
        assertThat(BanDuration.parse("10y")).as("the longest").contains(BanDuration.LONGEST);
        assertThat(BanDuration.parse("3650D")).contains(BanDuration.LONGEST);
        assertThat(BanDuration.parse("315360000")).contains(BanDuration.LONGEST);
        assertThat(BanDuration.parse("2W")).contains(Duration.ofDays(14));
        assertThat(BanDuration.parse("45s")).contains(Duration.ofSeconds(45));
        assertThatThrownBy(() -> BanDuration.parse("3651d")).isInstanceOf(IllegalArgumentException.class);
        for (String bad : new String[] {"", "h", "1x", "-5m", "1.5h", "11y", "99999999999"}) {
            assertThatThrownBy(() -> BanDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(BanDuration.hasUnits("30m")).isTrue();
        assertThat(BanDuration.hasUnits("30")).isFalse();
        assertThat(BanDuration.text(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(BanDuration.text(Duration.ofDays(8).plusSeconds(5))).isEqualTo("8d5s");
        assertThat(BanDuration.text(BanDuration.parse("1h30m").orElseThrow())).isEqualTo("1h30m");
    }

    @Test
    void aBanDurationTakesMinAndMoAsTheHistorysAgeDoesAndStillReadsABareMAsMinutes() {
        assertThat(BanDuration.parse("10min")).contains(Duration.ofMinutes(10));
        assertThat(BanDuration.parse("10MIN")).contains(Duration.ofMinutes(10));
        assertThat(BanDuration.parse("1h30min")).contains(Duration.ofMinutes(90));
        assertThat(BanDuration.parse("6mo")).contains(Duration.ofDays(180));
        assertThat(BanDuration.parse("1Mo2w")).contains(Duration.ofDays(44));
        assertThat(BanDuration.parse("1mo1m"))
                .as("a month and a minute")
                .contains(Duration.ofDays(30).plusMinutes(1));
        assertThat(BanDuration.parse("121mo")).contains(Duration.ofDays(3630));
        assertThat(BanDuration.parse("6m")).as("m stays minutes in a ban").contains(Duration.ofMinutes(6));
        assertThat(BanDuration.parse("6M")).contains(Duration.ofMinutes(6));
        assertThat(BanDuration.hasUnits("10min")).isTrue();
        assertThat(BanDuration.hasUnits("6mo")).isTrue();
        assertThat(BanDuration.isMeant("10min")).isTrue();
        assertThat(BanDuration.isMeant("99999999999m"))
                .as("too long, but meant")
                .isTrue();
        assertThat(BanDuration.isMeant("spam")).isFalse();
        for (String bad :
                new String[] {"122mo", "10mins", "10mi", "1mon", "mo", "1o", "10 min", "9999999999y9999999999y"}) {
            assertThatThrownBy(() -> BanDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Trials 5 and 10: a Korean administrator types {@code /차단 준호 1시간 도배}, and was told to write {@code 1h}. */
    @Test
    void aBanDurationIsReadInKoreanWordsAsAKoreanAdministratorWritesOne() {
        assertThat(BanDuration.parse("1시간")).contains(Duration.ofHours(1));
        assertThat(BanDuration.parse("10분")).contains(Duration.ofMinutes(10));
        assertThat(BanDuration.parse("1시간30분")).contains(Duration.ofMinutes(90));
        assertThat(BanDuration.parse("45초")).contains(Duration.ofSeconds(45));
        assertThat(BanDuration.parse("2일")).contains(Duration.ofDays(2));
        assertThat(BanDuration.parse("1주")).contains(Duration.ofDays(7));
        assertThat(BanDuration.parse("6개월")).contains(Duration.ofDays(180));
        assertThat(BanDuration.parse("3달")).contains(Duration.ofDays(90));
        assertThat(BanDuration.parse("1년2주")).contains(Duration.ofDays(365 + 14));
        assertThat(BanDuration.parse("1h30분")).as("the two kinds mixed").contains(Duration.ofMinutes(90));
        assertThat(BanDuration.parse("1시간 30분")).as("its parts apart").contains(Duration.ofMinutes(90));
        assertThat(BanDuration.parse("1h 30m")).contains(Duration.ofMinutes(90));
        assertThat(BanDuration.isMeant("1시간 30분")).isTrue();
        assertThat(BanDuration.hasUnits("1시간")).isTrue();
        assertThat(BanDuration.isMeant("1시간")).isTrue();
        assertThat(BanDuration.isMeant("시간")).isFalse();
        for (String bad : new String[] {"1시", "1시간반", "한시간", "1 시간", "11년", "1.5시간", "30분간", "1시간 도배", "1시간 30"}) {
            assertThatThrownBy(() -> BanDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(WrittenDuration.seconds("6분", WrittenDuration.BareM.REFUSED))
                .as("분 is minutes in the history's age too: it cannot be read as months")
                .isEqualTo(360);
        assertThat(WrittenDuration.seconds("6개월", WrittenDuration.BareM.REFUSED))
                .isEqualTo(180L * 86_400);
    }

    @Test
    void aBareMIsRefusedWhereMinutesAndMonthsMustBeWrittenApart() {
        WrittenDuration.BareM refused = WrittenDuration.BareM.REFUSED;
        assertThat(WrittenDuration.seconds("90min", refused)).isEqualTo(5400);
        assertThat(WrittenDuration.seconds("6mo", refused)).isEqualTo(180L * 86_400);
        assertThat(WrittenDuration.seconds("1d12h", refused)).isEqualTo(36L * 3_600);
        assertThat(WrittenDuration.seconds("3600", refused)).isEqualTo(3600);
        for (String ambiguous : new String[] {"6m", "1M", "1d6m", "6m30s"}) {
            assertThatThrownBy(() -> WrittenDuration.seconds(ambiguous, refused))
                    .as(ambiguous)
                    .isInstanceOfSatisfying(WrittenDuration.Unreadable.class, unreadable -> assertThat(unreadable.why())
                            .isEqualTo(WrittenDuration.Why.BARE_M));
        }
        assertThat(WrittenDuration.hasUnits("6m", refused)).isFalse();
        assertThat(WrittenDuration.hasUnits("6m", WrittenDuration.BareM.MINUTES))
                .isTrue();
        assertThatThrownBy(() -> WrittenDuration.seconds("soon", refused))
                .isInstanceOfSatisfying(WrittenDuration.Unreadable.class, unreadable -> assertThat(unreadable.why())
                        .isEqualTo(WrittenDuration.Why.NOT_A_DURATION));
        assertThatThrownBy(() -> WrittenDuration.seconds("9999999999y".repeat(30), refused))
                .isInstanceOfSatisfying(WrittenDuration.Unreadable.class, unreadable -> assertThat(unreadable.why())
                        .isEqualTo(WrittenDuration.Why.TOO_LONG));
    }

    @Test
    void aBansDurationIsShownInTheReadersWords() {
        assertThat(BanDuration.words(Duration.ofMinutes(90), (unit, count) -> count + " " + unit))
                .isEqualTo("1 h 30 m");
        assertThat(BanDuration.words(Duration.ofDays(8).plusSeconds(5), (unit, count) -> count + "" + unit))
                .isEqualTo("8d 5s");
        assertThat(BanDuration.words(Duration.ZERO, (unit, count) -> count + "" + unit))
                .isEqualTo("0s");
    }

    private static BanStore keptIn(List<Ban> kept) {
        return new BanStore() {
            @Override
            public List<Ban> load() {
                return List.copyOf(kept);
            }

            @Override
            public void put(Ban ban) {
                kept.removeIf(b -> b.kind() == ban.kind() && b.key().equals(ban.key()));
                kept.add(ban);
            }

            @Override
            public void remove(Ban ban) {
                kept.remove(ban);
            }
        };
    }

    @Test
    void bansAreKeptInTheStoreAndLoadedByTheNextCore() {
        List<Ban> kept = new ArrayList<>();
        BanStore store = keptIn(kept);
        ChatCore<String> first = h.coreKeepingBansIn(store);
        Member<String> admin = first.connect(
                        Names.ADMINISTRATOR, CoreHarness.ADMIN_KEY, CoreHarness.ORIGIN, "admin", RoomNames.LOBBY, -1)
                .member();
        first.ban(admin, "troll", null, "first");
        first.ban(admin, "Troll", null, "second");
        first.ban(admin, "10.1.2.3", null, "");

        ChatCore<String> next = h.coreKeepingBansIn(store);

        assertThat(kept).extracting(Ban::target).containsExactly("Troll", "10.1.2.3");
        assertThat(refusal(() -> next.connect("troll", null, CoreHarness.ORIGIN, "t", RoomNames.LOBBY, -1))
                        .subject())
                .isEqualTo("second");
    }
}
