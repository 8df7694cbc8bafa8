package io.billstream.platform.events.data;

public record AddressData(String line1, String line2, String city, String region, String postalCode, String country) {
}
