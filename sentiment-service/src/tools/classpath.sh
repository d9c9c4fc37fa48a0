# Sourced by the evaluate, benchmark, train and ner-names scripts: builds the module when its classes
# are missing or older than its sources, and prints the runtime classpath (our classes, the model
# files extracted at build time and the runtime dependencies; never the full models jars).
#
# Maven runs from the reactor root with `-pl sentiment-service -am`: dependency:build-classpath
# resolves every scope before it filters to the runtime one (includeScope; the plugin has no
# mdep.includeScope, which earlier versions of this file passed in vain), so the module's test-scoped
# caresignal-local-stack (deploy/local) must resolve too, and on a fresh clone it is in no local
# repository until `./mvnw install`. In the reactor, Maven compiles it instead. Maven options come
# from MAVEN_ARGS (e.g. MAVEN_ARGS=-o to build offline, -Dmaven.repo.local=DIR for another
# repository), which the Maven the wrapper runs reads itself.
tools_classpath() {
    local module="$here"
    local root
    root="$(cd "$module/.." && pwd)"
    local cp_file="$module/target/tools.classpath"
    local stamp="$module/target/classes/org/caresignal/sentiment/tools/EvaluateTool.class"
    if [[ ! -f "$stamp" || ! -f "$cp_file" || -n "$(find "$module/src/main" "$module/pom.xml" "$root/pom.xml" -newer "$stamp" -print -quit)" ]]; then
        echo "Building sentiment-service (compile and runtime classpath)..." >&2
        # A relative outputFile: each module of the reactor writes its own target/tools.classpath.
        (cd "$root" && ./mvnw -B -q -Dspotless.check.skip=true -pl sentiment-service -am \
            compile dependency:build-classpath \
            -DincludeScope=runtime -Dmdep.outputFile=target/tools.classpath >&2) || return 1
        touch "$stamp"
    fi
    echo "$module/target/classes:$(cat "$cp_file")"
}
