//! The check that the parser agrees with the planner: on the blanked source it must see a
//! string, template or regex literal exactly where the tokenizer saw one. Then both agreed on
//! where every blanked block began and ended; otherwise the caller parses the whole file.

/// Where the parser saw string, template and regex literals: what [`Plan::literal_starts`]
/// must equal for the blanked parse to be trusted.
pub fn parsed_literal_starts(program: &swc_ecma_ast::Program) -> Vec<usize> {
    use swc_ecma_ast::{Regex, Str, Tpl};
    use swc_ecma_visit::{Visit, VisitWith};
    struct Starts(Vec<usize>);
    impl Visit for Starts {
        // Every `Str`: values, property keys, module specifiers alike.
        fn visit_str(&mut self, s: &Str) {
            self.0.push(s.span.lo.0 as usize - 1);
        }
        fn visit_regex(&mut self, r: &Regex) {
            self.0.push(r.span.lo.0 as usize - 1);
        }
        fn visit_tpl(&mut self, tpl: &Tpl) {
            self.0.push(tpl.span.lo.0 as usize - 1);
            tpl.visit_children_with(self);
        }
    }
    let mut starts = Starts(Vec::new());
    program.visit_with(&mut starts);
    starts.0.sort_unstable();
    starts.0.dedup();
    starts.0
}
