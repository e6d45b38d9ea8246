package seeds

import (
	"fmt"
	"strings"
	"sync"

	"github.com/git-repro/git-repro/parse/python"
)

// Stable-Baselines3 (and sb3_contrib) and Gymnasium.
//
// An SB3 algorithm (PPO, A2C, SAC, TD3, DQN, DDPG, the old HER; sb3_contrib's
// RecurrentPPO, QRDQN, TQC, TRPO, ARS, MaskablePPO, CrossQ) takes seed=. Its
// _setup_model, run by the constructor before the policy is built, calls
// BaseAlgorithm.set_random_seed(seed): with a seed, that is
// stable_baselines3.common.utils.set_random_seed(seed) (random.seed,
// np.random.seed, torch.manual_seed), then action_space.seed(seed) and
// env.seed(seed); with None it returns and seeds nothing. So
// PPO(..., seed=s) seeds random, numpy and torch, and PPO(...) without
// one draws the policy's initial weights from torch's global RNG. learn()
// trains: the rollout buffer's minibatch order (np.random.permutation),
// the replay buffer's samples (np.random.randint) and DQN's
// epsilon-greedy steps come from numpy's global RNG, the policy's actions
// from torch's. PPO.load(path) and model.set_parameters(path) load
// trained weights (load also reseeds with the seed saved in the file, so
// nothing is said about a model it returns).
//
// The environments' own generators are no global source: make_vec_env(...,
// seed=s), env.reset(seed=s), env.action_space.seed(s) and VecEnv.seed(s)
// seed them, and with None they seed themselves from OS entropy. Only
// their seed's value is checked (REPRO-SEED-003), like any seeder's; an
// env.reset() with no seed is the usual reset that continues the
// environment's generator, and is never reported.

// sb3Algorithms are the algorithm classes of stable_baselines3 and
// sb3_contrib.
var sb3Algorithms = setOf("PPO", "A2C", "SAC", "TD3", "DQN", "DDPG", "HER",
	"RecurrentPPO", "QRDQN", "TQC", "TRPO", "ARS", "MaskablePPO", "CrossQ")

// sb3StarExports are the names a star import of these modules binds (their
// __all__ or public names), with the module each comes from.
var sb3StarExports = map[string][]string{
	"stable_baselines3":                   {"A2C", "DDPG", "DQN", "PPO", "SAC", "TD3", "HER"},
	"sb3_contrib":                         {"ARS", "CrossQ", "MaskablePPO", "QRDQN", "RecurrentPPO", "TQC", "TRPO"},
	"stable_baselines3.common.utils":      {"set_random_seed"},
	"stable_baselines3.common.env_util":   {"make_vec_env", "make_atari_env"},
	"stable_baselines3.common.cmd_util":   {"make_vec_env", "make_atari_env"},
	"stable_baselines3.common.evaluation": {"evaluate_policy"},
}

// sb3StarName rewrites a name that a star import of stable_baselines3 or
// sb3_contrib binds (PPO, RecurrentPPO.load) to its qualified name; "" for
// another name.
func sb3StarName(m *python.Module, dotted string) string {
	head, rest, _ := strings.Cut(dotted, ".")
	if !sb3StarNames()[head] || m.Funcs[head] != nil || m.Classes[head] {
		return ""
	}
	for _, im := range m.Imports {
		if im.Name != "*" {
			continue
		}
		for _, n := range sb3StarExports[im.Module] {
			if n == head {
				if rest != "" {
					return im.Module + "." + head + "." + rest
				}
				return im.Module + "." + head
			}
		}
	}
	return ""
}

// sb3StarNames is every name of sb3StarExports.
var sb3StarNames = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, names := range sb3StarExports {
		for _, n := range names {
			m[n] = true
		}
	}
	return m
})

func isSB3(resolved string) bool {
	head, _, _ := strings.Cut(resolved, ".")
	return head == "stable_baselines3" || head == "sb3_contrib"
}

// sb3Name splits a resolved name into the SB3 algorithm class it names and
// the method called on it ("stable_baselines3.PPO" is PPO's constructor,
// "sb3_contrib.ppo_recurrent.RecurrentPPO.learn" its learn).
func sb3Name(resolved string) (class, method string, ok bool) {
	if !isSB3(resolved) {
		return "", "", false
	}
	parts := strings.Split(resolved, ".")
	if last := parts[len(parts)-1]; sb3Algorithms[last] {
		return last, "", true
	}
	if len(parts) >= 3 && sb3Algorithms[parts[len(parts)-2]] {
		return parts[len(parts)-2], parts[len(parts)-1], true
	}
	return "", "", false
}

// sb3Call is what a call of SB3 does to the global sources.
type sb3Call struct {
	// seeds: the call seeds random, numpy and torch with arg (not None as
	// written); a value that may be None is REPRO-SEED-003's
	seeds bool
	arg   string
	uses  []drawUse
}

// sb3Effects says what an SB3 call seeds or draws.
func sb3Effects(resolved string, c *python.Call) sb3Call {
	if resolved == "stable_baselines3.common.utils.set_random_seed" {
		return sb3Call{} // a seeding helper (seedHelpers)
	}
	class, method, ok := sb3Name(resolved)
	if !ok {
		return sb3Call{}
	}
	switch method {
	case "":
		// PPO("MlpPolicy", env, seed=0): seeded before the policy is built
		if v, ok := c.Keyword("seed"); ok && v != "None" {
			return sb3Call{seeds: true, arg: v}
		}
		if c.StarStar {
			return sb3Call{} // PPO(**hyperparams): the seed may be in them
		}
		return sb3Call{uses: []drawUse{{"torch", drawInit}}}
	case "set_random_seed":
		arg := ""
		if len(c.Args) > 0 {
			arg = c.Args[0]
		} else if v, ok := c.Keyword("seed"); ok {
			arg = v
		}
		if arg != "" && arg != "None" {
			return sb3Call{seeds: true, arg: arg}
		}
	case "load":
		// PPO.load(path, seed=0) sets the seed it then seeds with
		if v, ok := c.Keyword("seed"); ok && v != "None" {
			return sb3Call{seeds: true, arg: v}
		}
	case "learn":
		if class == "ARS" {
			// random search: its perturbations come from torch.normal
			return sb3Call{uses: []drawUse{{"torch", drawData}}}
		}
		return sb3Call{uses: []drawUse{{"numpy", drawData}, {"torch", drawData}}}
	}
	return sb3Call{}
}

// sb3Trains reports a call that trains an SB3 model: learn on an
// algorithm, also on a model the trace cannot type (model =
// ALGOS[name](...)) in a module that imports stable_baselines3.
func sb3Trains(m *python.Module, resolved string, c *python.Call) bool {
	if _, method, ok := sb3Name(resolved); ok {
		return method == "learn"
	}
	return strings.HasSuffix(c.Callee, ".learn") && (m.Imported("stable_baselines3") || m.Imported("sb3_contrib"))
}

// sb3Loads reports a call that loads trained weights into an SB3 model,
// and the receiver it loads into ("" for PPO.load, which returns a new
// model).
func sb3Loads(resolved string, c *python.Call) (bool, string) {
	_, method, ok := sb3Name(resolved)
	if !ok {
		return false, ""
	}
	switch method {
	case "load":
		return true, ""
	case "set_parameters":
		if v, ok := c.Keyword("exact_match"); ok && v != "True" {
			return true, "" // a partial load
		}
		recv, _, _ := cutLast(c.Callee)
		return true, recv
	}
	return false, ""
}

// sb3Model reports whether an object was built by an SB3 algorithm class.
func sb3Model(fr *frame, g *group) bool {
	if g == nil || g.ctor == nil {
		return false
	}
	_, method, ok := sb3Name(libName(fr.f.Mod, g.ctor.Callee))
	return ok && method == ""
}

// envSeed returns the seed an environment seeder is given: make_vec_env's
// (or make_atari_env's) seed=, env.reset(seed=...), the seed of
// env.action_space.seed(...) and of a VecEnv's or an old gym env's
// env.seed(...). ok is false for another call, and for one that is given
// no seed.
func envSeed(resolved string, c *python.Call) (string, bool) {
	arg := ""
	switch last := lastPart(resolved); {
	case isSB3(resolved) && (last == "make_vec_env" || last == "make_atari_env"):
		if v, ok := c.Keyword("seed"); ok {
			arg = v
		} else if len(c.Args) > 2 {
			arg = c.Args[2] // make_vec_env(env_id, n_envs, seed)
		}
	case last == "reset" && strings.Contains(c.Callee, "."):
		arg, _ = c.Keyword("seed") // Gymnasium's reset takes seed= by keyword only
	case last == "seed" && envReceiver(c.Callee):
		if len(c.Args) > 0 {
			arg = c.Args[0]
		} else {
			arg, _ = c.Keyword("seed")
		}
	}
	return arg, arg != "" && arg != "None"
}

// envReceiver reports the receiver of a .seed(...) call that is an
// environment or one of its spaces: env.seed, vec_env.seed, train_envs.seed,
// env.action_space.seed, env.observation_space.seed.
func envReceiver(callee string) bool {
	recv, _, ok := cutLast(callee)
	if !ok {
		return false
	}
	last := recv
	if _, l, ok := cutLast(recv); ok {
		last = l
	}
	last = strings.ToLower(last)
	return last == "action_space" || last == "observation_space" || strings.HasSuffix(last, "env") || strings.HasSuffix(last, "envs")
}

// sb3SeedExprs returns the seed expressions a function gives SB3
// algorithms and environment seeders by keyword (PPO(..., seed=seed),
// env.reset(seed=seed)): a draw assigned to them picks a seed
// (seedDrawSpans).
func sb3SeedExprs(m *python.Module, c *python.Call) []string {
	if _, ok := c.Keyword("seed"); !ok && !strings.HasSuffix(c.Callee, "seed") && !strings.HasSuffix(c.Callee, "_env") {
		return nil // none of them: resolve no name
	}
	resolved := libName(m, c.Callee)
	if s := sb3Effects(resolved, c); s.seeds {
		return []string{s.arg}
	}
	if v, ok := envSeed(resolved, c); ok {
		return []string{v}
	}
	return nil
}

// sb3OnPolicy are the algorithms that train on rollouts (a RolloutBuffer,
// whose minibatches np.random.permutation orders); the others but ARS
// sample a replay buffer with np.random.randint.
var sb3OnPolicy = setOf("PPO", "A2C", "TRPO", "RecurrentPPO", "MaskablePPO")

// sb3Note says what an SB3 call's draw is for.
func sb3Note(e traceEv) string {
	class, method, ok := sb3Name(e.lib)
	if !ok {
		return ""
	}
	switch {
	case method == "":
		return " (the policy's initial weights)"
	case method == "learn" && e.sources[0] == "numpy" && sb3OnPolicy[class]:
		return " (training shuffles each rollout into minibatches with it)"
	case method == "learn" && e.sources[0] == "numpy" && (class == "DQN" || class == "QRDQN"):
		return " (training samples its replay batches and epsilon-greedy steps from it)"
	case method == "learn" && e.sources[0] == "numpy":
		return " (training samples its replay batches from it)"
	case method == "learn" && class == "ARS":
		return " (training draws its parameter perturbations from it)"
	case method == "learn":
		return " (training samples the policy's actions from it)"
	}
	return ""
}

// sb3Fix is the other fix for an SB3 draw: the algorithm's own seed=.
func sb3Fix(e traceEv) string {
	class, _, ok := sb3Name(e.lib)
	if !ok {
		return ""
	}
	return fmt.Sprintf("pass seed=SEED to %s(...) (it seeds random, numpy, torch and the environment before building the policy)", class)
}

// sb3KwargsModel reports a learn() on a model whose constructor, the last
// call assigned to the receiver before it in the function, took **kwargs
// and no seed=: PPO(env=env, **hyperparams) may be seeded by them.
func sb3KwargsModel(fr *frame, idx int, c *python.Call) bool {
	recv, _, ok := cutLast(c.Callee)
	if !ok {
		return false
	}
	for i := min(idx, len(fr.fn.Events)) - 1; i >= 0; i-- {
		if x := fr.fn.Events[i].Call; x != nil && x.Target == recv {
			_, seeded := x.Keyword("seed")
			return x.StarStar && !seeded
		}
	}
	return false
}
