package dev.baas.sandbox;

import dev.baas.tck.MeetingPlatformTck;
import dev.baas.tck.PlatformFixture;

/** The sandbox adapter passes every rule of the platform TCK against the real sandbox and real Chromium. */
class SandboxPlatformTckTest extends MeetingPlatformTck {
    @Override protected PlatformFixture createFixture() { return new LookalikeFixture("sandbox", new SandboxPlatform()); }
}
