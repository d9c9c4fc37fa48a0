package org.caresignal.sentiment.rest;

import java.util.List;

/** A brand's phrase rules, oldest first. */
public record PhraseRulesResponse(String brandId, List<PhraseRuleResponse> items) {}
