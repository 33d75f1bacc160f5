//! Bar charts with a real value axis, as a document: the category labels and the values are
//! HTML text, so they wrap and are never clipped or cut; only the bars are drawn (inline SVG
//! attributes, which the content security policy allows, unlike inline styles). The axis has
//! five ticks at fixed quarters of a rounded maximum, so the stylesheet places them.
use leptos::prelude::*;

use crate::i18n::Lang;

/// One bar: what it stands for, and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
}

/// A value axis from 0 to `max` in four equal steps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    pub max: f64,
    pub step: f64,
    /// Decimals the tick labels need.
    pub decimals: usize,
}

impl Axis {
    /// The smallest axis whose four steps of 1, 2, 2.5, 3 or 5 × 10ⁿ reach `highest`; whole
    /// steps only for counts.
    pub fn reaching(highest: f64, whole: bool) -> Axis {
        let highest = if highest.is_finite() {
            highest.max(0.0)
        } else {
            0.0
        };
        let mut magnitude = if whole { 1.0 } else { 0.1 };
        loop {
            for m in [1.0, 2.0, 2.5, 3.0, 5.0] {
                let step: f64 = m * magnitude;
                if whole && step.fract() != 0.0 {
                    continue;
                }
                if 4.0 * step >= highest - 1e-9 {
                    let decimals = (0..3)
                        .find(|d| {
                            let scaled = step * 10f64.powi(*d as i32);
                            (scaled - scaled.round()).abs() < 1e-9
                        })
                        .unwrap_or(2);
                    return Axis {
                        max: 4.0 * step,
                        step,
                        decimals,
                    };
                }
            }
            magnitude *= 10.0;
        }
    }

    /// The five tick values, 0 to `max`.
    pub fn ticks(&self) -> [f64; 5] {
        [0.0, 1.0, 2.0, 3.0, 4.0].map(|i| i * self.step)
    }

    /// A value's share of the axis, in percent (0–100).
    pub fn percent(&self, value: f64) -> f64 {
        if self.max <= 0.0 || !value.is_finite() {
            return 0.0;
        }
        (value.max(0.0) / self.max * 100.0).min(100.0)
    }
}

/// A horizontal bar chart: a label, a bar and the value per row, and the value axis below.
#[component]
pub fn BarChart(
    /// What the chart shows (the figure's caption).
    caption: String,
    /// The value axis' title, with its unit.
    axis_title: &'static str,
    bars: Vec<Bar>,
    /// Decimals of the values shown beside the bars.
    decimals: usize,
    /// Counts: whole ticks only.
    #[prop(optional)]
    whole: bool,
    /// Where the axis must reach at least, so that charts side by side share one axis.
    #[prop(optional)]
    highest: f64,
    /// The language of the labels, where it is not the page's (entry titles).
    #[prop(optional)]
    label_lang: Option<&'static str>,
    /// Said before each label to screen readers only, where the label is a bare number.
    #[prop(optional)]
    label_prefix: Option<&'static str>,
    lang: Lang,
) -> impl IntoView {
    let axis = Axis::reaching(bars.iter().map(|b| b.value).fold(highest, f64::max), whole);
    view! {
        <figure class="chart">
            <figcaption>{caption}</figcaption>
            <ul class="bar-chart">
                {bars.into_iter().map(|b| view! {
                    <li>
                        <span class="bar-label" lang=label_lang>
                            {label_prefix.map(|p| view! { <span class="visually-hidden">{p}" "</span> })}
                            {b.label}
                        </span>
                        <span class="bar-track">
                            <svg aria-hidden="true" focusable="false" viewBox="0 0 100 10" preserveAspectRatio="none">
                                <rect x="0" y="0" width=format!("{:.2}", axis.percent(b.value)) height="10"></rect>
                            </svg>
                        </span>
                        <span class="bar-value">{lang.decimal(b.value, decimals)}</span>
                    </li>
                }).collect_view()}
            </ul>
            <div class="bar-axis" aria-hidden="true">
                <span class="bar-ticks">
                    {axis.ticks().into_iter().enumerate().map(|(i, t)| view! {
                        <span class=format!("tick at-{}", i * 25)>{lang.decimal(t, axis.decimals)}</span>
                    }).collect_view()}
                </span>
                <span class="axis-title">{axis_title}</span>
            </div>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_reaches_the_highest_value_in_four_round_steps() {
        let cases = [
            (0.0, false, 0.4, 0.1, 1),
            (0.82, false, 1.0, 0.25, 2),
            (1.15, false, 1.2, 0.3, 1),
            (2.0, false, 2.0, 0.5, 1),
            (2.01, false, 4.0, 1.0, 0),
            (0.0, true, 4.0, 1.0, 0),
            (3.0, true, 4.0, 1.0, 0),
            (5.0, true, 8.0, 2.0, 0),
            (9.0, true, 12.0, 3.0, 0),
            (13.0, true, 20.0, 5.0, 0),
            (41.0, true, 80.0, 20.0, 0),
        ];
        for (highest, whole, max, step, decimals) in cases {
            let a = Axis::reaching(highest, whole);
            assert!(
                (a.max - max).abs() < 1e-9 && (a.step - step).abs() < 1e-9,
                "{highest}: {a:?}"
            );
            assert_eq!(a.decimals, decimals, "{highest}");
            assert!(a.max >= highest);
        }
        // Nothing strange from strange input.
        assert_eq!(Axis::reaching(f64::NAN, false).max, 0.4);
        assert_eq!(Axis::reaching(-3.0, true).max, 4.0);
    }

    #[test]
    fn bars_are_a_share_of_the_axis_and_never_leave_it() {
        let a = Axis::reaching(0.82, false);
        assert_eq!(a.ticks(), [0.0, 0.25, 0.5, 0.75, 1.0]);
        assert!((a.percent(0.82) - 82.0).abs() < 1e-9);
        assert_eq!(a.percent(-1.0), 0.0);
        assert_eq!(a.percent(7.0), 100.0);
        assert_eq!(a.percent(f64::INFINITY), 0.0);
    }
}
