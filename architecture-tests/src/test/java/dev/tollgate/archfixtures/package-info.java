/**
 * Planted violations: a miniature Tollgate whose classes each break (or, where named so, respect) one architecture
 * rule. {@code PlantedViolationsTest} runs every rule over this package and expects it to fail on the planted class.
 * Never analysed by the production rules.
 */
package dev.tollgate.archfixtures;
