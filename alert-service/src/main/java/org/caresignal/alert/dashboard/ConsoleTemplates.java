package org.caresignal.alert.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.caresignal.alert.dashboard.ConsoleView.OverviewPage;
import org.caresignal.alert.dashboard.ConsoleView.TimelinePage;

/** The type-safe Qute templates of the console's pages ({@code templates/console/}). */
@CheckedTemplate(basePath = "console")
public final class ConsoleTemplates {

    private ConsoleTemplates() {}

    public static native TemplateInstance overview(OverviewPage page);

    public static native TemplateInstance timeline(TimelinePage page);
}
