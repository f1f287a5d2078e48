package dev.baas.adapter.zoom;

import dev.baas.sandbox.LookalikeFixture;
import dev.baas.tck.MeetingPlatformTck;
import dev.baas.tck.PlatformFixture;

/** The Zoom adapter passes every rule of its declared capabilities against the sandbox's Zoom look-alike. */
class ZoomLookalikeTckTest extends MeetingPlatformTck {
    @Override protected PlatformFixture createFixture() { return new LookalikeFixture("zoom", new ZoomPlatform()); }
}
