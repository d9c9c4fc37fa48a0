package org.caresignal.alert.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelTextTest {

    @Test
    void slackMentionsAndLinksCannotForm() {
        assertThat(
                        ChannelText.slack(
                                "<!channel> <!here> <@U024BE7LH> <https://evil.example|Your bank> & co"))
                .isEqualTo(
                        "&lt;!channel&gt; &lt;!here&gt; &lt;@U024BE7LH&gt;"
                                + " &lt;https://evil.example|Your bank&gt; &amp; co");
        assertThat(ChannelText.slack("&lt; already")).isEqualTo("&amp;lt; already");
        assertThat(ChannelText.slack(null)).isEmpty();
    }

    @Test
    void slackLinksKeepOnlyPlainHttpUrlsAndCannotEndEarly() {
        assertThat(ChannelText.slackLink("https://social.example/p?a=1&b=2", "5d0c1c8e"))
                .isEqualTo("<https://social.example/p?a=1&amp;b=2|5d0c1c8e>");
        assertThat(ChannelText.slackLink("https://social.example/x|<!channel>", "id"))
                .isEqualTo("<https://social.example/x%7C%3C!channel%3E|id>");
        assertThat(ChannelText.slackLink("javascript:alert(1)", "id")).isEqualTo("id");
        assertThat(ChannelText.slackLink("https://user:pw@social.example/", "id")).isEqualTo("id");
        assertThat(ChannelText.slackLink("https://social.example/a b", "<!here>"))
                .isEqualTo("&lt;!here&gt;");
        assertThat(ChannelText.slackLink("https://social.example/", "a|b"))
                .isEqualTo("<https://social.example/|a¦b>");
    }

    @Test
    void teamsMarkdownIsInert() {
        assertThat(ChannelText.teams("[Reset your password](https://evil.example) **now** _x_"))
                .isEqualTo(
                        "\\[Reset your password\\](https://evil.example) \\*\\*now\\*\\* \\_x\\_");
        assertThat(
                        ChannelText.teams(
                                "line one\r\n- item\n# heading <b>`code`</b> ~~s~~ ![i](u) a|b \\"))
                .isEqualTo(
                        "line one  - item # heading \\<b\\>\\`code\\`\\</b\\> \\~\\~s\\~\\~ !\\[i\\](u) a|b \\\\");
    }

    @Test
    void htmlAndHeadersAreEscaped() {
        assertThat(ChannelText.html("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(ChannelText.header("Subject\r\nBcc: all@example.org\u2028x\ty", 100))
                .isEqualTo("Subject  Bcc: all@example.org x y");
        assertThat(ChannelText.header("x".repeat(300), 250)).hasSize(250);
        assertThat(ChannelText.cap("ab\uD83D\uDE00", 3)).isEqualTo("ab");
        assertThat(ChannelText.httpUrl("data:text/html,<b>")).isNull();
        assertThat(ChannelText.httpUrl("https://ok.example/x")).isEqualTo("https://ok.example/x");
        assertThat(ChannelText.httpUrl("https://ok.example/" + "x".repeat(3000))).isNull();
    }
}
