package dev.tollgate.proxy.domain;

/** A data-plane region; the one this node serves is available, the others are listed for planning. */
public record Region(String id, String name, String provider, String status, boolean available, String continent, String country) {
}
