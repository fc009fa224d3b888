package dev.hermod.message.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<p>a</p><p>b</p>|a\\nb\\n",
        "a <b>bold</b>   move|a bold move",
        "<style>p { color: red }</style>x|x",
        "<SCRIPT>if (a < b) x()</SCRIPT>y|y",
        "<!-- <p>hidden</p> -->shown|shown",
        "<!DOCTYPE html><title>t</title>body|body",
        "1 < 2 and 3 > 2|1 < 2 and 3 > 2",
        "&amp;&lt;&gt;&quot;&#65;&#x42;&euro;|&<>\"AB€",
        "&unknown; &amp x|&unknown; & x",
        "<a href=\"x>y\">link</a>|link",
        "line<br/>break|line\\nbreak",
    })
    void extractsText(String html, String text) {
        StringBuilder out = new StringBuilder();
        HtmlText h = new HtmlText(new CharSink() {
            @Override
            public void put(char c) {
                out.append(c);
            }

            @Override
            public boolean full() {
                return false;
            }
        });
        html.chars().forEach(c -> h.put((char) c));
        assertEquals(text.replace("\\n", "\n"), out.toString());
    }
}
