package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

    @ParameterizedTest(name = "{1} <- {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            Waited 6 hours in the ER at Mercy General last night.                 | en
            Thank you to the nurses on 4 West, you were amazing 💙               | en
            The parking garage is full again, why is this so hard                 | en
            Esperé seis horas en urgencias del Hospital Mercy, pésima atención.   | es
            ¡Gracias a las enfermeras de Mercy General!                          | es
            Muy mal servicio, nunca más                                            | es
            Fiquei quatro horas à espera no pronto atendimento, péssimo.           | pt
            Obrigada pelo atendimento, as enfermeiras foram muito gentis          | pt
            J'ai attendu six heures aux urgences, c'est une honte.               | fr
            Merci à toute l'équipe de l'hôpital Saint-Éloi                        | fr
            Drei Stunden in der Notaufnahme gewartet, das ist nicht normal.      | de
            Danke an das Team, sehr freundlich und schnell                        | de
            Ho aspettato tre ore al pronto soccorso, è una vergogna.             | it
            Grazie mille alle infermiere, sono state bravissime                   | it
            Ik heb vandaag drie uur gewacht bij de spoedeisende hulp              | nl
            Ждали врача пять часов в приёмном отделении                           | ru
            Дякую лікарям лікарні, все було добре                                 | uk
            マーシー総合病院の救急で5時間待ちました                                | ja
            在医院急诊室等了五个小时                                              | zh
            응급실에서 다섯 시간을 기다렸어요                                       | ko
            انتظرت خمس ساعات في قسم الطوارئ                                       | ar
            חיכיתי חמש שעות בחדר המיון                                            | he
            Περίμενα πέντε ώρες στα επείγοντα                                     | el
            """)
    void detectsTheLanguageOfShortPosts(String post, String expected) {
        assertThat(LanguageDetector.detect(post)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "und <- {0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            😡😡😡                                                                 |
            🙏❤️ 🏥                                                               |
            https://news.example/mercy-general-er-wait-times?id=42                |
            www.mercyhealth.org/careers                                           |
            @MercyHealth #MercyGeneral                                            |
            Mercy General                                                          |
            12:30 4/5 #2                                                           |
            NULL                                                                   |
            '   '                                                                  |
            """)
    void saysUndeterminedWhenThePostGivesTooLittle(String post, String ignored) {
        assertThat(LanguageDetector.detect(post)).isEqualTo(LanguageDetector.UNDETERMINED);
    }

    @ParameterizedTest(name = "{1} <- {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            Great nurses and kind staff at the ER, muy buena atención                | en
            La atención fue muy buena y las enfermeras muy amables, thanks!          | es
            Mercy General 病院の救急外来はとても混んでいました                         | ja
            Check this https://news.example/the-worst-hospital-in-the-state 😡 wow    | und
            Wait times at #MercyGeneral: https://news.example/report gracias         | en
            #MercyGeneral https://news.example/informe-de-espera gracias             | und
            Mercy General ER: esperé 5 horas, what a joke                             | und
            """)
    void mixedPostsTakeTheDominantLanguageOrUndeterminedWhenEven(String post, String expected) {
        assertThat(LanguageDetector.detect(post)).isEqualTo(expected);
    }
}
