package org.vesalius.vna.archive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlobKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5.dcm",
            "journal/2026/01/entry-000001.json", "a_b-c.d/e", "console", "nul0", "com10", "lpt"})
    void validKeys(String value) {
        assertThat(BlobKey.of(value).value()).isEqualTo(value);
        assertThat(BlobKey.isValid(value)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                | empty",
            "/studies/1        | starts with '/'",
            "studies/          | ends with '/'",
            "a//b              | empty segment",
            "../etc/passwd     | starts with '.'",
            "a/../b            | starts with '.'",
            "a/./b             | starts with '.'",
            ".hidden           | starts with '.'",
            "a/-b              | must be a-z or 0-9",
            "a\\b              | backslash",
            "Study.dcm         | must be a-z or 0-9",
            "a/B               | must be a-z or 0-9",
            "a b               | allowed: a-z",
            "a:b               | allowed: a-z",
            "a/b.              | ends with '.'",
            "con               | reserved device name",
            "a/nul.dcm         | reserved device name",
            "x/com1.txt        | reserved device name"})
    void invalidKeys(String value, String reason) {
        assertThatThrownBy(() -> BlobKey.of(value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
        assertThat(BlobKey.isValid(value)).isFalse();
    }

    @Test
    void lengthLimits() {
        String segment = "s".repeat(BlobKey.MAX_SEGMENT_LENGTH);
        assertThat(BlobKey.isValid(segment)).isTrue();
        assertThatThrownBy(() -> BlobKey.of(segment + "s")).hasMessageContaining("segment longer than");

        String longest = (segment + "/").repeat(5) + "s".repeat(BlobKey.MAX_LENGTH - 5 * 201);
        assertThat(longest).hasSize(BlobKey.MAX_LENGTH);
        assertThat(BlobKey.isValid(longest)).isTrue();
        assertThatThrownBy(() -> BlobKey.of(longest + "s")).hasMessageContaining("longer than 1024");
    }

    @Test
    void controlAndNonAsciiCharactersAreEscapedInMessages() {
        assertThatThrownBy(() -> BlobKey.of("a\u0000b")).hasMessageContaining("a\\u0000b");
        assertThatThrownBy(() -> BlobKey.of("caf\u00e9")).hasMessageContaining("caf\\u00e9");
        assertThatThrownBy(() -> BlobKey.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void prefixes() {
        for (String ok : new String[] {"", "s", "studies/", "studies/1.2", "studies/1.2.", "a/b-"}) {
            assertThat(BlobKey.checkPrefix(ok)).isEqualTo(ok);
        }
        for (String bad : new String[] {"/", "/a", "a//", "../", "a/.x", "A", "a\\", "x".repeat(1024)}) {
            assertThatThrownBy(() -> BlobKey.checkPrefix(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void partsAndOrder() {
        BlobKey key = BlobKey.of("studies", "1.2", "x.dcm");
        assertThat(key.value()).isEqualTo("studies/1.2/x.dcm");
        assertThat(key.fileName()).isEqualTo("x.dcm");
        assertThat(BlobKey.of("a").fileName()).isEqualTo("a");
        assertThat(key.startsWith("studies/1")).isTrue();
        assertThat(key).isLessThan(BlobKey.of("studies/1.3"));
        assertThat(key.toString()).isEqualTo("studies/1.2/x.dcm");
    }
}
