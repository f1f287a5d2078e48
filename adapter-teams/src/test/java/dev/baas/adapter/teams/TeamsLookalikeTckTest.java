package dev.baas.adapter.teams;

import dev.baas.sandbox.LookalikeFixture;
import dev.baas.tck.MeetingPlatformTck;
import dev.baas.tck.PlatformFixture;

/** Every TCK rule Teams' capabilities claim, trap rules included, against the sandbox's look-alike of Teams. */
class TeamsLookalikeTckTest extends MeetingPlatformTck {
    @Override protected PlatformFixture createFixture() { return new LookalikeFixture("teams", new TeamsPlatform()); }
}
