package dev.baas.adapter.meet;

import dev.baas.sandbox.LookalikeFixture;
import dev.baas.tck.MeetingPlatformTck;
import dev.baas.tck.PlatformFixture;

/** The platform rules, run by the Meet adapter against the sandbox's Google Meet look-alike at its real address. */
class MeetLookalikeTckTest extends MeetingPlatformTck {
    @Override protected PlatformFixture createFixture() { return new LookalikeFixture("meet", new MeetPlatform()); }
}
