// The harness that runs etcd, kube-apiserver and the kro controller as child
// processes. It uses only the standard library on purpose: it builds in
// seconds and cannot disturb the version selection of the wrapper modules in
// ./k8s and ./kro, which are separate modules.
module kro-designer.local/cluster

go 1.26.0
