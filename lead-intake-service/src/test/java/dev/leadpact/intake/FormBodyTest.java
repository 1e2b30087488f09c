package dev.leadpact.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void fieldsAreDecodedAsUtf8WithPlusAsSpace() {
        MultivaluedMap<String, String> fields =
                FormBody.parse("email=ren%C3%A9%40example.net&company=Caf%C3%A9+M%C3%BCller");
        assertThat(fields.getFirst("email")).isEqualTo("rené@example.net");
        assertThat(fields.getFirst("company")).isEqualTo("Café Müller");
    }

    @Test
    void aFieldWithoutANameIsSkippedOneWithoutAValueIsEmpty() {
        MultivaluedMap<String, String> fields = FormBody.parse("=orphan&&email&employees=&=");
        assertThat(fields).containsOnlyKeys("email", "employees");
        assertThat(fields.getFirst("email")).isEmpty();
        assertThat(fields.getFirst("employees")).isEmpty();
        assertThat(FormBody.parse("")).isEmpty();
    }

    @Test
    void aFieldGivenTwiceKeepsBothValuesInOrder() {
        assertThat(FormBody.parse("email=a%40x.com&email=b%40x.com").get("email"))
                .containsExactly("a@x.com", "b@x.com");
    }

    @Test
    void aBrokenPercentEscapeIsMalformedNamingTheField() {
        assertThatThrownBy(() -> FormBody.parse("email=a%40x.com&company=%zz"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("company"));
        assertThatThrownBy(() -> FormBody.parse("email=a%4")).isInstanceOf(ProblemException.class);
    }
}
