package dev.baas.tck;

import java.util.Set;

/** A faithful in-memory platform passes every rule: the rules are satisfiable without a browser. */
class FakePlatformTckTest extends MeetingPlatformTck {
    @Override protected PlatformFixture createFixture() { return new FakePlatform.Fixture(Set.of()); }
}
