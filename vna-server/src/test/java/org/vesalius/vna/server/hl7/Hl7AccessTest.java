package org.vesalius.vna.server.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class Hl7AccessTest {

    @Test
    void onLoopbackWithoutAListEveryLocalSenderIsServed() {
        assertThat(Hl7Access.admitted("127.0.0.1", List.of(), false).test("127.0.0.1")).isTrue();
    }

    @Test
    void onAnotherAddressTheListIsRequiredUnlessInsecure() {
        assertThatThrownBy(() -> Hl7Access.admitted("0.0.0.0", List.of(), false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vna.hl7.access.networks");
        assertThat(Hl7Access.admitted("0.0.0.0", List.of(), true).test("10.9.9.9")).isTrue();
    }

    @Test
    void withAListOnlyItsNetworksAreServedWhereverItListens() {
        Predicate<String> admitted = Hl7Access.admitted("0.0.0.0", List.of("10.1.0.0/16", "192.168.7.7"), false);
        assertThat(admitted.test("10.1.200.3")).isTrue();
        assertThat(admitted.test("192.168.7.7")).isTrue();
        assertThat(admitted.test("10.2.0.1")).isFalse();
        assertThat(admitted.test("127.0.0.1")).as("the list applies on loopback too").isFalse();
        assertThat(admitted.test("not-an-address")).isFalse();
        assertThat(admitted.test("")).isFalse();
        assertThatThrownBy(() -> Hl7Access.admitted("127.0.0.1", List.of("10.1.0.0/33"), false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
