package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void aQuotedGreaterThanInAnAttributeDoesNotLeakMarkup() {
        assertThat(HtmlText.toPlain("<a title=\"x>y\" href=\"https://e.org\">Mercy</a> rocks"))
                .isEqualTo("Mercy rocks");
        assertThat(HtmlText.toPlain("<img alt='a > b'>after")).isEqualTo("after");
    }

    @Test
    void blocksAndBreaksBecomeLinesAndInvisibleElementsVanish() {
        assertThat(
                        HtmlText.toPlain(
                                "<style>p{}</style><h2>Title</h2><ul><li>one</li><li>two</li></ul>"
                                        + "line<br/>next<!-- hidden --><script>x<y</script>"))
                .isEqualTo("Title\n\none\n\ntwo\n\nline\nnext");
    }

    @Test
    void decodesEveryNamedAndNumericEntity() {
        assertThat(HtmlText.decode("&eacute;&Omega;&hearts;&nbsp;&#8364;&#x20AC;&amp;lt;"))
                .isEqualTo("éΩ♥\u00A0€€&lt;");
        assertThat(HtmlText.toPlain("caf&eacute; &#beef; &#x110000; &bogus; A&amp;E"))
                .isEqualTo("café &#beef; \uFFFD &bogus; A&E");
    }

    @Test
    void strayAngleBracketsAreText() {
        assertThat(HtmlText.toPlain("a < b and <<<< c > d")).isEqualTo("a < b and <<<< c > d");
    }
}
