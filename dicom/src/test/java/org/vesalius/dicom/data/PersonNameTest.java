package org.vesalius.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonNameTest {

    @Test
    void parsesAllThreeGroups() {
        PersonName name = PersonName.parse("Yamada^Tarou=山田^太郎=やまだ^たろう");
        assertThat(name.alphabetic()).isEqualTo(new PersonName.Group("Yamada", "Tarou", "", "", ""));
        assertThat(name.ideographic().familyName()).isEqualTo("山田");
        assertThat(name.phonetic().givenName()).isEqualTo("たろう");
        assertThat(name.alphabeticText()).isEqualTo("Yamada^Tarou");
        assertThat(name.ideographicText()).isEqualTo("山田^太郎");
        assertThat(name.phoneticText()).isEqualTo("やまだ^たろう");
    }

    @Test
    void parsesAllFiveComponents() {
        PersonName.Group g = PersonName.parse("Adams^John Robert Quincy^B.^Rev.^B.A. M.Div.").alphabetic();
        assertThat(g).isEqualTo(new PersonName.Group("Adams", "John Robert Quincy", "B.", "Rev.", "B.A. M.Div."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Smith^John|Smith^John",
        "Smith^John^^^|Smith^John",
        "Smith^John^^^=|Smith^John",
        "Smith^John==|Smith^John",
        "Wang^XiaoDong=王^小东=|Wang^XiaoDong=王^小东",
        "=山田^太郎|=山田^太郎",
        "==やまだ|==やまだ",
        "^John|^John",
        "Smith^^^Dr|Smith^^^Dr",
        "'Smith ^ John  '|Smith^John",
    })
    void writesWithoutTrailingEmptyComponentsAndGroups(String in, String out) {
        assertThat(PersonName.parse(in).toDicomString()).isEqualTo(out);
    }

    @Test
    void emptyInputsGiveTheEmptyName() {
        assertThat(PersonName.parse(null)).isEqualTo(PersonName.EMPTY);
        assertThat(PersonName.parse("")).isEqualTo(PersonName.EMPTY);
        assertThat(PersonName.parse("^^^^=^=")).isEqualTo(PersonName.EMPTY);
        assertThat(PersonName.parse("  ").isEmpty()).isTrue();
        assertThat(PersonName.EMPTY.toDicomString()).isEmpty();
    }

    @Test
    void extraComponentsJoinTheSuffix() {
        PersonName.Group g = PersonName.parse("A^B^C^D^E^F^^G").alphabetic();
        assertThat(g.nameSuffix()).isEqualTo("E F G");
        assertThat(PersonName.parse("A^B^C^D^^F").alphabetic().nameSuffix()).isEqualTo("F");
    }

    @Test
    void extraGroupsAreIgnored() {
        PersonName name = PersonName.parse("A=B=C=D");
        assertThat(name.toDicomString()).isEqualTo("A=B=C");
    }

    @Test
    void paddingIsRemovedAndOtherCharactersKept() {
        PersonName name = PersonName.parse("Buc^Jérôme\0");
        assertThat(name.alphabetic().givenName()).isEqualTo("Jérôme");
        // A backslash is not split here: callers split values first.
        assertThat(PersonName.parse("A\\B").alphabetic().familyName()).isEqualTo("A\\B");
    }

    @Test
    void nullComponentsAndGroupsBecomeEmpty() {
        PersonName name = new PersonName(new PersonName.Group("Smith", null, null, null, null), null, null);
        assertThat(name.ideographic()).isEqualTo(PersonName.Group.EMPTY);
        assertThat(name.alphabetic().givenName()).isEmpty();
        assertThat(name.toDicomString()).isEqualTo("Smith");
        assertThat(PersonName.of("Smith", "John").toDicomString()).isEqualTo("Smith^John");
    }

    @Test
    void roundTripsWellFormedNames() {
        for (String s : new String[] {"Hong^Gildong=洪^吉洞=홍^길동", "Adams^John^B^Rev^Jr", "=^太郎", "A"}) {
            assertThat(PersonName.parse(s).toDicomString()).isEqualTo(s);
        }
    }
}
