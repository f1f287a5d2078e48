/**
 * The sandbox: a look-alike meeting platform on loopback ({@link dev.baas.sandbox.SandboxService}) with real
 * WebRTC between Chromium pages, a host API and scripted participants who speak, and the {@code sandbox}
 * platform adapter ({@link dev.baas.sandbox.SandboxPlatform}) that joins its meetings like a person would.
 */
package dev.baas.sandbox;
