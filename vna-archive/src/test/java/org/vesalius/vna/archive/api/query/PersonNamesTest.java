package org.vesalius.vna.archive.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Müller^Jürgen     | muller^jurgen",
        "DOE^JOHN^^^       | doe^john",
        " Doe ^ John       | doe^john",
        "García^José*      | garcia^jose*",
        "Ødegård^Åse       | ødegard^ase",
        "がくせい          | がくせい",
        "Straße            | straße",
    })
    void normalizes_case_accents_and_trailing_components(String in, String out) {
        assertThat(PersonNames.normalize(in)).isEqualTo(out);
    }
}
