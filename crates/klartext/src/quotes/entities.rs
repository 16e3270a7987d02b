//! Entities: the persons and organisations the quotation pass met as speakers, each once,
//! with their mentions merged (full name, surname, pronoun, role noun) and the roles taken
//! from the phrases that named them (Außenministerin Anna Berger → roles [Außenministerin]).

use super::speakers::Registry;
use crate::article::{Entity, EntityType};

/// The entities of the registry, in order of first mention.
pub fn collect(registry: &Registry) -> Vec<Entity> {
    registry
        .known
        .iter()
        .filter(|k| !k.name.is_empty())
        .map(|k| Entity {
            name: k.name.clone(),
            kind: if k.person {
                EntityType::Person
            } else {
                EntityType::Organization
            },
            roles: k.roles.clone(),
            mentions: k.mentions,
        })
        .collect()
}
