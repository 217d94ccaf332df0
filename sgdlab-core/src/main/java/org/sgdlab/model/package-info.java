/**
 * The model: {@link org.sgdlab.model.LinearModel}, h(x) = ⟨w, x⟩ (+ b), and how its parameters are laid out in the
 * flat vector every optimizer works on (w first, then the intercept b if there is one).
 */
package org.sgdlab.model;
