package org.caresignal.ingest.rest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** A request body that broke field rules, with each violation named by its JSON path. */
class InvalidRequestException extends RuntimeException {

    private final transient List<ProblemDetail.Violation> violations;

    InvalidRequestException(List<ProblemDetail.Violation> violations) {
        super(
                violations.stream()
                        .map(v -> v.field() + " " + v.message())
                        .collect(Collectors.joining("; ")));
        this.violations = violations;
    }

    List<ProblemDetail.Violation> violations() {
        return violations;
    }

    /**
     * The violations of a bean validated directly, named like the JSON (e.g. repostOf.externalId).
     */
    static List<ProblemDetail.Violation> named(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(
                        v ->
                                new ProblemDetail.Violation(
                                        StreamSupport.stream(
                                                        v.getPropertyPath().spliterator(), false)
                                                .filter(n -> n.getKind() == ElementKind.PROPERTY)
                                                .map(n -> n.getName())
                                                .collect(Collectors.joining("."))
                                                .transform(f -> f.isEmpty() ? "body" : f),
                                        v.getMessage()))
                .sorted(
                        Comparator.comparing(ProblemDetail.Violation::field)
                                .thenComparing(ProblemDetail.Violation::message))
                .toList();
    }
}
