/**
 * The platform TCK. A platform plugin's test extends {@link dev.baas.tck.MeetingPlatformTck} and returns a
 * {@link dev.baas.tck.PlatformFixture} that creates {@link dev.baas.tck.TestMeeting}s it can act on as host and
 * participants; every rule is a test named by its ID. Rules for a {@link dev.baas.spi.Capability} the platform
 * does not declare are skipped.
 */
package dev.baas.tck;
